// Only the list pages stream behind a loading state: detail pages must be able to answer 404.
/** Same outline as the page, so nothing shifts when the data arrives. */
export default function Loading() {
  return (
    <div className="flex animate-pulse flex-col gap-6" aria-busy="true" aria-label="Loading">
      <div className="h-8 w-64 rounded bg-slate-200" />
      <div className="h-16 rounded bg-slate-200" />
      <div className="h-64 rounded bg-slate-200" />
    </div>
  );
}
