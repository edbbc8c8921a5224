import "server-only";
import type { Actor } from "../auth/actor";
import { readTotals, scopeOf, type ScopeTotals } from "../connection-requests/positions";
import { db } from "../db/client";
import { activeFor } from "../data-requests/requests";
import { describeDataRequest } from "../data-requests/view";
import { listNotifications, unreadNotificationCount } from "../notifications/notifications";
import { feedsNotLive, supplierConnections } from "./connections";
import { recentDecisions } from "./decisions";

/**
 * A member's home: what needs them first (requests sent back for changes; for a supplier, the
 * connections waiting for its answer), then their organization's requests by state (from the
 * tally: one row), its feeds not yet live, recent decisions with their reasons, their own
 * unfinished data requests and their unread notifications.
 */
export async function memberDashboard(actor: Actor, now = new Date()) {
  // A supplier never requests connections: it answers them. A retailer requests, then takes feeds live.
  const supplierId = actor.organization?.type === "supplier" ? actor.organization.id : undefined;
  const organizationId = supplierId ? undefined : actor.organization?.id;
  const [totals, needsChanges, decisions, supplier, feeds, dataRequests, titles, unreadCount, unread] = await Promise.all([
    organizationId ? readTotals(scopeOf(organizationId)) : Promise.resolve<ScopeTotals | null>(null),
    organizationId ? requestsSentBack(organizationId) : Promise.resolve([]),
    organizationId ? recentDecisions({ organizationId }) : Promise.resolve([]),
    supplierId ? supplierConnections(supplierId) : Promise.resolve(null),
    organizationId ? feedsNotLive(organizationId) : Promise.resolve(null),
    db.dataRequest.findMany({
      where: { ...activeFor(actor.userId, now), status: { in: ["queued", "processing", "completed", "failed"] } },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: 5,
    }),
    db.dataType.findMany({ select: { id: true, title: true } }),
    unreadNotificationCount(actor),
    listNotifications(actor, { start: 0, limit: 5, unreadOnly: true }),
  ]);
  const titleMap = new Map(titles.map((type) => [type.id, type.title]));
  return {
    totals,
    needsChanges,
    decisions,
    supplier,
    feedsNotLive: feeds,
    dataRequests: dataRequests.map((row) => describeDataRequest(row, titleMap, now)),
    unreadCount,
    unread: unread.notifications,
  };
}

/** The organization's requests waiting for its changes, each with what the admin asked for. */
async function requestsSentBack(organizationId: string) {
  const rows = await db.connectionRequest.findMany({
    where: { organizationId, status: "changes_requested" },
    orderBy: { orgSequence: "desc" },
    take: 5,
    select: {
      id: true,
      supplierName: true,
      events: { where: { type: "connection_request.changes_requested" }, orderBy: { sequence: "desc" }, take: 1, select: { message: true, createdAt: true } },
    },
  });
  return rows.map((row) => ({ id: row.id, supplierName: row.supplierName, message: row.events[0]?.message ?? null, at: row.events[0]?.createdAt.toISOString() ?? null }));
}
