import type { ReactNode } from "react";

/** Secondary columns give way on a phone: header and cells carry this class, the key columns (name, state, actions) stay. */
export const wideOnly = "hidden md:table-cell";

export interface Column {
  label: string;
  /** A screen-reader-only header (a checkbox or an actions column). */
  srOnly?: boolean;
  /** Shown from the `md` breakpoint up; its cells use `wideOnly` too. */
  wide?: boolean;
}

/** A bordered table: column headers given as labels; on a narrow screen only the key columns show. */
export function Table({ caption, columns, children }: { caption?: string; columns: Column[]; children: ReactNode }) {
  return (
    <div className="overflow-x-auto rounded border border-slate-200 bg-white">
      <table className="w-full text-left text-sm">
        {caption && <caption className="sr-only">{caption}</caption>}
        <thead className="border-b border-slate-200 bg-slate-50 text-slate-700">
          <tr>
            {columns.map((column) => (
              <th key={column.label} scope="col" className={`px-3 py-2 ${column.wide ? wideOnly : ""}`}>
                {column.srOnly ? <span className="sr-only">{column.label}</span> : column.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}
