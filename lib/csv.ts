import { Readable } from "node:stream";
import { stringify } from "csv-stringify";

/**
 * Every CSV download's format: a header row, dates as ISO 8601 (UTC), and cells starting with =,
 * +, -, @, tab or CR prefixed with ' so a spreadsheet shows them as text instead of running them
 * as formulas. Rows are pulled from the iterator as the client reads, so memory stays flat and a
 * slow client holds back the reads (back-pressure through the async iterator).
 */
export function csvStream(columns: string[], rows: AsyncIterable<unknown[]>): Readable {
  const source = Readable.from(rows);
  const csv = stringify({ header: true, columns, escape_formulas: true, cast: { date: (date) => date.toISOString() } });
  source.on("error", (error) => csv.destroy(error));
  return source.pipe(csv);
}

/** `what-YYYY-MM-DD.csv`, the day of the download. */
export const csvFileName = (what: string, now: Date) => `${what}-${now.toISOString().slice(0, 10)}.csv`;
