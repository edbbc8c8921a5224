import Link from "next/link";

/**
 * "First page" / "Next page" for a list read by keyset: the next page starts after a cursor
 * (`after`), so there is no page number and no total, and each page costs the same.
 */
export function KeysetPagination({ basePath, params, after, next }: { basePath: string; params: Record<string, string | undefined>; after?: string; next: string | null }) {
  const href = (cursor?: string) => {
    const search = new URLSearchParams(Object.entries({ ...params, after: cursor }).filter((entry): entry is [string, string] => Boolean(entry[1])));
    return search.size ? `${basePath}?${search}` : basePath;
  };
  const link = "rounded border border-slate-300 px-3 py-1 hover:bg-slate-100";
  return (
    <nav aria-label="Pagination" className="flex justify-end gap-2 text-sm">
      {after && <Link href={href()} className={link}>First page</Link>}
      {next ? (
        <Link href={href(next)} className={link} rel="next">Next page</Link>
      ) : (
        <span aria-disabled="true" className="rounded border border-slate-200 px-3 py-1 text-slate-400">Next page</span>
      )}
    </nav>
  );
}
