import "server-only";
import type { Tx } from "../db/client";
import { outboxBackoffMs } from "../outbox/outbox";

/** How far back deliveries are sent again when an endpoint is turned back on. */
export const requeueWindowMs = 24 * 3_600_000;

/**
 * When a failed delivery failed: the outbox set its nextAttemptAt to the failure plus the backoff
 * of its last attempt (lib/outbox/outbox.ts, settleMessage), and the column says nothing else once
 * it failed for good.
 */
const failedAt = (row: { nextAttemptAt: Date; attempts: number }) => row.nextAttemptAt.getTime() - outboxBackoffMs(row.attempts);

/**
 * Turns a disabled endpoint back on (a no-op when it is on) with a fresh health record, and sends
 * again only what is recent: deliveries failed within the last 24 hours, and the held backlog
 * created within them, go back to pending, due now, with their attempts reset; older ones are
 * failed and stay so (a receiver back after a week should not get a week of stale events).
 */
export async function enableEndpoint(tx: Tx, endpointId: string, now: Date): Promise<{ requeued: number }> {
  const { count } = await tx.webhookEndpoint.updateMany({
    where: { id: endpointId, disabledAt: { not: null } },
    data: { disabledAt: null, failingSince: null, lastFailureAt: null, consecutiveFailures: 0, circuitOpenUntil: null },
  });
  if (count === 0) return { requeued: 0 };
  const since = now.getTime() - requeueWindowMs;
  // failedAt <= nextAttemptAt, so this bound loses nothing recent.
  const failed = await tx.webhookDelivery.findMany({
    where: { endpointId, status: "failed", nextAttemptAt: { gte: new Date(since) } },
    select: { id: true, nextAttemptAt: true, attempts: true },
  });
  const recent = failed.filter((row) => failedAt(row) >= since).map((row) => row.id);
  const again = { status: "pending" as const, nextAttemptAt: now, attempts: 0 };
  const requeuedFailed = await tx.webhookDelivery.updateMany({ where: { id: { in: recent }, status: "failed" }, data: again });
  const requeuedHeld = await tx.webhookDelivery.updateMany({ where: { endpointId, status: "held", createdAt: { gte: new Date(since) } }, data: again });
  await tx.webhookDelivery.updateMany({ where: { endpointId, status: "held" }, data: { status: "failed" } });
  return { requeued: requeuedFailed.count + requeuedHeld.count };
}
