import { cancelDataRequestAction } from "@/lib/data-requests/actions";
import { Timeline } from "@/components/connections/timeline";
import type { DataRequestView } from "@/lib/data-requests/view";
import type { TimelineEntry } from "@/lib/events/timeline";

const badge = {
  queued: "bg-slate-200 text-slate-900",
  processing: "bg-blue-100 text-blue-900",
  ready: "bg-green-100 text-green-900",
  failed: "bg-red-100 text-red-900",
} as const;

export function DataRequestList({ requests, timelines }: { requests: DataRequestView[]; timelines: Map<string, TimelineEntry[]> }) {
  if (requests.length === 0) {
    return <p className="rounded border border-dashed border-slate-300 bg-white p-6 text-center" data-testid="empty-state">You have no data requests. Ask for a copy below.</p>;
  }
  return (
    <ul className="flex flex-col gap-3">
      {requests.map((request) => (
        <li key={request.id} className="rounded border border-slate-200 bg-white p-4" data-testid="data-request">
          <div className="flex flex-wrap items-center justify-between gap-2">
            <p className="font-medium">{request.titles.join(", ")}</p>
            <span className={`rounded-full px-2 py-0.5 text-xs font-medium ${badge[request.state]}`} data-testid="data-request-state">
              {request.state}
            </span>
          </div>
          <p className="text-xs text-slate-600">Filed {request.createdAt.replace("T", " ").slice(0, 16)} UTC</p>
          <progress max={100} value={request.progressPercent} className="mt-2 h-2 w-full" aria-label={`Progress: ${request.state}`} />
          <p className="mt-1 text-sm">{request.timing}</p>
          <div className="mt-2 flex gap-3">
            {request.state === "ready" && (
              <a href={`/requests/${request.id}/download`} className="rounded bg-brand-600 px-3 py-1 text-sm font-medium text-white hover:bg-brand-700" download>
                Download
              </a>
            )}
            {request.cancellable && (
              <form action={cancelDataRequestAction}>
                <input type="hidden" name="requestId" value={request.id} />
                <button type="submit" className="rounded border border-slate-300 px-3 py-1 text-sm hover:bg-slate-100">Cancel</button>
              </form>
            )}
          </div>
          <details className="mt-3">
            <summary className="cursor-pointer text-sm text-brand-700">History</summary>
            <div className="mt-2">
              <Timeline entries={timelines.get(request.id) ?? []} label={`History of the request filed ${request.createdAt.slice(0, 10)}`} heading="h3" />
            </div>
          </details>
        </li>
      ))}
    </ul>
  );
}
