import "server-only";
import { db } from "../db/client";

/**
 * A supplier's home: the connections waiting for its answer (newest first, five of them) and how
 * many are active. Counts and five rows, each by the supplier's (organization, createdAt) index.
 */
export async function supplierConnections(organizationId: string) {
  const waitingWhere = { supplierOrganizationId: organizationId, status: "confirmation_waiting" as const };
  const [waitingCount, waiting, activeCount] = await Promise.all([
    db.connection.count({ where: waitingWhere }),
    db.connection.findMany({
      where: waitingWhere,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: 5,
      select: { id: true, createdAt: true, retailerOrganization: { select: { name: true } } },
    }),
    db.connection.count({ where: { supplierOrganizationId: organizationId, status: "active" } }),
  ]);
  return {
    waitingCount,
    waiting: waiting.map((row) => ({ id: row.id, retailer: row.retailerOrganization.name, at: row.createdAt.toISOString() })),
    activeCount,
  };
}

/**
 * A retailer's feeds that are not live yet on its active connections, the longest unchanged
 * first (five), and how many there are: what still stands between it and its data.
 */
export async function feedsNotLive(organizationId: string) {
  const where = { phase: { not: "live" as const }, connection: { retailerOrganizationId: organizationId, status: "active" as const } };
  const [count, feeds] = await Promise.all([
    db.connectionFeed.count({ where }),
    db.connectionFeed.findMany({
      where,
      orderBy: [{ phaseChangedAt: "asc" }, { id: "asc" }],
      take: 5,
      select: {
        id: true,
        phase: true,
        integration: { select: { type: true } },
        connection: { select: { id: true, supplierName: true, supplierOrganization: { select: { name: true } } } },
      },
    }),
  ]);
  return {
    count,
    feeds: feeds.map((feed) => ({
      id: feed.id,
      connectionId: feed.connection.id,
      supplier: feed.connection.supplierOrganization?.name ?? feed.connection.supplierName,
      type: feed.integration.type,
      phase: feed.phase,
    })),
  };
}
