import type { DataRequest } from "../generated/prisma/client";

export type DataRequestState = "queued" | "processing" | "ready" | "failed";

function duration(ms: number): string {
  const minutes = Math.max(0, Math.round(ms / 60_000));
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.round(minutes / 60);
  if (hours < 48) return `${hours} h`;
  return `${Math.round(hours / 24)} days`;
}

/** What the status page shows of a request: words and numbers, computed at `now`. */
export function describeDataRequest(
  row: Pick<DataRequest, "id" | "status" | "dataTypes" | "createdAt" | "expectedCompletion" | "completedAt" | "expiresAt" | "attempts" | "failedAt">,
  titles: Map<string, string>,
  now = new Date(),
) {
  const state: DataRequestState = row.status === "completed" ? "ready" : row.status === "cancelled" ? "failed" : row.status;
  const expected = row.expectedCompletion?.getTime() ?? row.createdAt.getTime();
  const span = Math.max(1, expected - row.createdAt.getTime());
  const elapsed = now.getTime() - row.createdAt.getTime();
  return {
    id: row.id,
    state,
    titles: row.dataTypes.map((id) => titles.get(id) ?? id),
    createdAt: row.createdAt.toISOString(),
    // Never 100% before it is done: the estimate is a service level, not a promise.
    progressPercent: state === "ready" ? 100 : Math.min(95, Math.max(2, Math.round((elapsed / span) * 100))),
    timing:
      state === "ready"
        ? `Ready; the download expires in ${duration((row.expiresAt?.getTime() ?? now.getTime()) - now.getTime())}.`
        : state === "failed"
          ? `We could not build this copy: ${row.attempts === 1 ? "the attempt" : `all ${row.attempts} attempts`} failed${row.failedAt ? `, the last on ${row.failedAt.toISOString().slice(0, 16).replace("T", " ")} UTC` : ""}. Admins see it in their queue and can retry it; you can also cancel it and file a new request.`
          : expected > now.getTime()
            ? `Expected within ${duration(expected - now.getTime())}.`
            : "Taking longer than expected; it is still in the queue.",
    cancellable: state === "queued" || state === "processing" || state === "failed",
  };
}
export type DataRequestView = ReturnType<typeof describeDataRequest>;
