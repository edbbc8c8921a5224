import type { ReactNode } from "react";

/** A bordered, horizontally scrollable table: column headers given as labels ("" is screen-reader only). */
export function Table({ caption, columns, children }: { caption?: string; columns: { label: string; srOnly?: boolean }[]; children: ReactNode }) {
  return (
    <div className="overflow-x-auto rounded border border-slate-200 bg-white">
      <table className="w-full text-left text-sm">
        {caption && <caption className="sr-only">{caption}</caption>}
        <thead className="border-b border-slate-200 bg-slate-50 text-slate-600">
          <tr>
            {columns.map((column) => (
              <th key={column.label} scope="col" className="px-3 py-2">
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
