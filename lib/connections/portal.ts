import "server-only";
import type { Actor } from "../auth/actor";
import { db } from "../db/client";
import { findVisibleConnection, sideOf, visibleConnections, type Side } from "./access";
import { connectionDto, connectionInclude, type ConnectionDto, type ConnectionRow } from "./dto";
import { readConnectionPage } from "./queries";

/** A connection as the portal shows it: the API's object, which side the viewer is on, and what the API leaves out. */
export interface ConnectionView {
  connection: ConnectionDto;
  side: Side;
  /** Whom the viewer deals with: the supplier for the retailer, the retailer for the supplier, both for an admin. */
  otherParty: string;
  createdAt: string;
  deactivationReason: string | null;
}

function viewOf(actor: Actor, row: ConnectionRow, now: Date): ConnectionView {
  const connection = connectionDto(row, now);
  // Rows come from visibleConnections, so a side always exists; "admin" covers the impossible rest.
  const side = sideOf(actor, row) ?? "admin";
  const retailer = connection.retailer.organization.name;
  const supplier = connection.supplier.organization.name;
  return {
    connection,
    side,
    otherParty: side === "retailer" ? supplier : side === "supplier" ? retailer : `${retailer} and ${supplier}`,
    createdAt: row.createdAt.toISOString(),
    deactivationReason: row.deactivationReason,
  };
}

/** The actor's connections (an admin's: all), newest first, with the total for the pager. */
export async function listConnectionViews(actor: Actor, page: { start: number; limit: number }): Promise<{ views: ConnectionView[]; total: number }> {
  const { rows, pagination } = await readConnectionPage(visibleConnections(actor), page);
  const now = new Date();
  return { views: rows.map((row) => viewOf(actor, row, now)), total: pagination.total_count };
}

/** One connection the actor can see; another organization's or an unknown id: 404. */
export async function getConnectionView(actor: Actor, id: string): Promise<ConnectionView> {
  const { connection } = await findVisibleConnection(db, actor, id);
  return viewOf(actor, await db.connection.findUniqueOrThrow({ where: { id: connection.id }, include: connectionInclude }), new Date());
}

/** The connection an approved request became, if the actor can see it: the request's page links to it. */
export async function connectionIdOfRequest(actor: Actor, requestId: string): Promise<string | null> {
  const row = await db.connection.findFirst({ where: { AND: [{ connectionRequestId: requestId }, visibleConnections(actor)] }, select: { id: true } });
  return row?.id ?? null;
}
