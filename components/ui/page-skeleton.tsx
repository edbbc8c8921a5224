/** A list page's outline while its data streams in, so nothing shifts when it arrives. */
export function PageSkeleton() {
  return (
    <div className="flex animate-pulse flex-col gap-6" aria-busy="true" aria-label="Loading">
      <div className="h-8 w-64 max-w-full rounded bg-slate-200" />
      <div className="h-16 rounded bg-slate-200" />
      <div className="h-64 rounded bg-slate-200" />
    </div>
  );
}
