/** A plain GET search form for the admins' lists (a prefix of an e-mail or a name); works without JavaScript. */
export function PrefixSearch({ label, q, children }: { label: string; q?: string; children?: React.ReactNode }) {
  return (
    <form method="get" role="search" className="flex flex-wrap items-end gap-3">
      <div className="flex flex-col gap-1">
        <label htmlFor="q" className="text-sm font-medium">{label}</label>
        <input id="q" name="q" type="search" defaultValue={q} autoComplete="off" className="rounded border border-slate-300 px-3 py-2" />
      </div>
      {children}
      <button type="submit" className="rounded border border-slate-300 bg-white px-4 py-2 hover:bg-slate-100">Search</button>
    </form>
  );
}
