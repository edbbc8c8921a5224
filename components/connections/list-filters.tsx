import { connectionRequestStatuses, pageSizes } from "@/lib/schemas/choices";
import { statusLabels } from "./status-badge";

/** A plain GET form: the filters live in the URL and work without JavaScript. */
export function ListFilters({
  q,
  status,
  size,
  children,
  searchLabel = "Search by supplier",
}: {
  q?: string;
  status?: string;
  size: number;
  children?: React.ReactNode;
  searchLabel?: string;
}) {
  return (
    <form method="get" className="flex flex-wrap items-end gap-3" role="search">
      <div className="flex flex-col gap-1">
        <label htmlFor="q" className="text-sm font-medium">{searchLabel}</label>
        <input id="q" name="q" type="search" defaultValue={q} className="rounded border border-slate-300 px-3 py-2" />
      </div>
      <div className="flex flex-col gap-1">
        <label htmlFor="status" className="text-sm font-medium">Status</label>
        <select id="status" name="status" defaultValue={status ?? ""} className="rounded border border-slate-300 px-3 py-2">
          <option value="">Any</option>
          {connectionRequestStatuses.map((value) => (
            <option key={value} value={value}>{statusLabels[value]}</option>
          ))}
        </select>
      </div>
      {children}
      <div className="flex flex-col gap-1">
        <label htmlFor="size" className="text-sm font-medium">Per page</label>
        <select id="size" name="size" defaultValue={String(size)} className="rounded border border-slate-300 px-3 py-2">
          {pageSizes.map((option) => (
            <option key={option} value={option}>{option}</option>
          ))}
        </select>
      </div>
      <button type="submit" className="rounded border border-slate-300 bg-white px-4 py-2 hover:bg-slate-100">Apply</button>
    </form>
  );
}
