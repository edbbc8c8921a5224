"use client";

/** A friendly page for unexpected errors: never a stack trace. */
export default function ErrorPage({ reset }: { error: Error; reset: () => void }) {
  return (
    <div role="alert" className="flex flex-col gap-3">
      <h1 className="text-2xl font-semibold">Something went wrong</h1>
      <p>We could not show this page. Try again in a moment.</p>
      <button type="button" onClick={reset} className="self-start rounded border border-slate-300 px-3 py-1">
        Try again
      </button>
    </div>
  );
}
