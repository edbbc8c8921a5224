/** Downloads the list as CSV with the filters on screen (a plain link: a file, not a page). */
export function ExportLink({ path, params, label = "Export CSV" }: { path: string; params: Record<string, string | undefined>; label?: string }) {
  const query = new URLSearchParams(Object.entries(params).filter((entry): entry is [string, string] => Boolean(entry[1])));
  return (
    <a href={`${path}${query.size ? `?${query}` : ""}`} download className="rounded border border-slate-300 bg-white px-3 py-1 text-sm hover:bg-slate-100">
      {label}
    </a>
  );
}
