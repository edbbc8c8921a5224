import { Prisma } from "../generated/prisma/client";

/**
 * SQL expressions that build a response's JSON text inside PostgreSQL, byte for byte as
 * JSON.stringify writes it: no whitespace, keys in the order given. json_build_object and json_agg
 * would be shorter but write `"key" : value, ` with spaces; to_json() of one value escapes strings
 * as JSON.stringify does (\", \\, \b \f \n \r \t, \u00xx for other control characters).
 * A value expression yields JSON text, never SQL NULL (which would blank the whole concatenation),
 * except inside `omittedWhenNull`.
 */
export type JsonText = Prisma.Sql;

const key = /^[a-z_A-Z]+$/;

/** A scalar (text, uuid, enum, number, boolean, text[]) as JSON; SQL NULL as null. */
export const jsonValue = (expression: Prisma.Sql): JsonText => Prisma.sql`coalesce(to_json(${expression})::text, 'null')`;

/** A timestamptz as Date.toISOString() writes it (UTC, milliseconds), quoted; SQL NULL stays NULL. */
const isoText = (expression: Prisma.Sql) => Prisma.sql`('"' || to_char(${expression} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') || '"')`;

/** A timestamptz as Date.toISOString() writes it; SQL NULL as null. */
export const jsonTimestamp = (expression: Prisma.Sql): JsonText => Prisma.sql`coalesce(${isoText(expression)}, 'null')`;

/** A key whose value is left out, key and all, when it is SQL NULL (as `...(x ? { k: x } : {})`). */
export interface OmittedWhenNull {
  omittedWhenNull: Prisma.Sql;
}
export const timestampOrOmitted = (expression: Prisma.Sql): OmittedWhenNull => ({ omittedWhenNull: isoText(expression) });

/** An object of the given keys, in that order; the first key is always present. */
export function jsonObject(fields: [name: string, value: JsonText | OmittedWhenNull][]): JsonText {
  const parts = fields.map(([name, value], index) => {
    if (!key.test(name)) throw new Error(`Not a JSON key for SQL: ${name}`);
    const prefix = Prisma.raw(`'${index === 0 ? "{" : ","}"${name}":'`);
    if ("omittedWhenNull" in value) {
      if (index === 0) throw new Error("The first key of a JSON object is always present");
      return Prisma.sql`coalesce(${prefix} || ${value.omittedWhenNull}, '')`;
    }
    return Prisma.sql`${prefix} || ${value}`;
  });
  return Prisma.sql`(${Prisma.join(parts, " || ")} || '}')`;
}

/** `value` when `condition` holds, else null. */
export const jsonWhen = (condition: Prisma.Sql, value: JsonText): JsonText => Prisma.sql`(CASE WHEN ${condition} THEN ${value} ELSE 'null' END)`;

/** The `element` text of the one row `from` selects; null when it selects none. */
export const jsonOne = (element: JsonText, from: Prisma.Sql): JsonText => Prisma.sql`coalesce((SELECT ${element} ${from}), 'null')`;

/** A JSON array of the `element` texts of the rows `from` selects, in `orderBy` order. */
export const jsonArray = (element: JsonText, orderBy: Prisma.Sql, from: Prisma.Sql): JsonText =>
  Prisma.sql`('[' || coalesce((SELECT string_agg(${element}, ',' ORDER BY ${orderBy}) ${from}), '') || ']')`;
