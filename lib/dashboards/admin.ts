import "server-only";
import type { Actor } from "../auth/actor";
import { assertCanDecide } from "../connection-requests/decisions";
import { readTotals, scopeOf } from "../connection-requests/positions";
import { db } from "../db/client";
import { env } from "../env";
import { decisionEventTypes, recentDecisions, type DecisionKind } from "./decisions";

const day = 24 * 60 * 60 * 1000;
/** Counts that would need a scan past this many rows are shown as "1,000+" instead. */
export const countCap = 1000;

/**
 * An admin's home: the queue by state (the platform's tally: one row), the oldest pending
 * request, how many have waited past REVIEW_OVERDUE_DAYS, the week's decisions and the data
 * requests still building or failed. Every figure is one index read, capped where it could grow.
 */
export async function adminDashboard(actor: Actor, now = new Date()) {
  assertCanDecide(actor);
  const overdueDays = env().REVIEW_OVERDUE_DAYS;
  const overdueBefore = new Date(now.getTime() - overdueDays * day);
  const weekAgo = new Date(now.getTime() - 7 * day);
  const [totals, oldestPending, overdue, overdueOldest, weekCounts, decisions, building, failed] = await Promise.all([
    readTotals(scopeOf()),
    db.connectionRequest.findFirst({
      where: { status: "pending" },
      orderBy: { requestDate: "asc" },
      select: { id: true, supplierName: true, requestDate: true, organization: { select: { name: true } } },
    }),
    db.connectionRequest.count({ where: { status: "pending", requestDate: { lt: overdueBefore } }, take: countCap + 1 }),
    db.connectionRequest.findMany({
      where: { status: "pending", requestDate: { lt: overdueBefore } },
      orderBy: { requestDate: "asc" },
      take: 5,
      select: { id: true, supplierName: true, requestDate: true, organization: { select: { name: true } } },
    }),
    Promise.all(decisionEventTypes.map((type) => db.event.count({ where: { type, createdAt: { gte: weekAgo } } }))),
    recentDecisions({}),
    db.dataRequest.groupBy({ by: ["status"], where: { status: { in: ["queued", "processing"] } }, _count: { _all: true } }),
    db.dataRequest.count({ where: { status: "failed" }, take: countCap + 1 }),
  ]);
  const buildingByStatus = Object.fromEntries(building.map((group) => [group.status, group._count._all]));
  return {
    totals,
    oldestPending: oldestPending && { ...oldestPending, ageMs: now.getTime() - oldestPending.requestDate.getTime() },
    overdueDays,
    overdue: { count: Math.min(overdue, countCap), capped: overdue > countCap, oldest: overdueOldest },
    week: Object.fromEntries(decisionEventTypes.map((type, index) => [type.slice(type.indexOf(".") + 1), weekCounts[index]!])) as Record<DecisionKind, number>,
    decisions,
    dataRequests: { queued: buildingByStatus.queued ?? 0, processing: buildingByStatus.processing ?? 0, failed: Math.min(failed, countCap), failedCapped: failed > countCap },
  };
}
