import Link from "next/link";

/** Previous/next links that keep every other URL parameter (filters, page size). */
export function Pagination({
  basePath,
  params,
  page,
  size,
  total,
}: {
  basePath: string;
  params: Record<string, string | undefined>;
  page: number;
  size: number;
  total: number;
}) {
  const pages = Math.max(1, Math.ceil(total / size));
  const href = (target: number) => {
    const search = new URLSearchParams(Object.entries({ ...params, page: String(target), size: String(size) }).filter(([, v]) => v) as [string, string][]);
    return `${basePath}?${search}`;
  };
  const from = total === 0 ? 0 : (page - 1) * size + 1;
  const to = Math.min(page * size, total);
  return (
    <nav aria-label="Pagination" className="flex items-center justify-between gap-4 text-sm">
      <p aria-live="polite">
        {from}–{to} of {total}
      </p>
      <div className="flex gap-2">
        {page > 1 ? (
          <Link href={href(page - 1)} className="rounded border border-slate-300 px-3 py-1 hover:bg-slate-100" rel="prev">Previous</Link>
        ) : (
          <span aria-disabled="true" className="rounded border border-slate-200 px-3 py-1 text-slate-400">Previous</span>
        )}
        <span className="px-2 py-1">Page {page} of {pages}</span>
        {page < pages ? (
          <Link href={href(page + 1)} className="rounded border border-slate-300 px-3 py-1 hover:bg-slate-100" rel="next">Next</Link>
        ) : (
          <span aria-disabled="true" className="rounded border border-slate-200 px-3 py-1 text-slate-400">Next</span>
        )}
      </div>
    </nav>
  );
}
