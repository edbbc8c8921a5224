import type { Tx } from "../db/connect";
import { eventSpec } from "./catalogue";

/** An event as fan-out reads it. */
export interface PendingEvent {
  id: string;
  type: string;
  organizationId: string | null;
  userId: string | null;
  actorId: string | null;
  connectionRequestId: string | null;
  connectionId: string | null;
  dataRequestId: string | null;
  message: string | null;
}

export const connectionParties = (tx: Tx, id: string) =>
  tx.connection.findUniqueOrThrow({ where: { id }, select: { retailerOrganizationId: true, supplierOrganizationId: true } });

/** The active members of the given organizations. */
const membersOf = (tx: Tx, organizationIds: (string | null)[]) =>
  tx.user.findMany({ where: { organizationId: { in: organizationIds.filter((id): id is string => id !== null) }, status: "active" }, select: { id: true } });

/**
 * Who hears of an event (its catalogue entry's audience): the platform admins; the members of the
 * requesting organization and the person who submitted the request; a data request's person; a
 * connection's supplier organization; or the other side of a connection (both organizations when
 * an admin made the change). Nobody is told of what they did themselves.
 */
export async function recipientsOf(tx: Tx, event: PendingEvent): Promise<string[]> {
  const ids = new Set<string>();
  const add = (rows: { id: string }[]) => rows.forEach((row) => ids.add(row.id));
  switch (eventSpec(event.type)?.audience) {
    case "admins":
      add(await tx.user.findMany({ where: { role: "admin", status: "active" }, select: { id: true } }));
      break;
    case "requesting_organization": {
      add(await membersOf(tx, [event.organizationId]));
      const request = await tx.connectionRequest.findUnique({ where: { id: event.connectionRequestId! }, select: { requestedBy: { select: { id: true, status: true } } } });
      if (request?.requestedBy?.status === "active") ids.add(request.requestedBy.id);
      break;
    }
    case "person":
      if (event.userId) ids.add(event.userId);
      break;
    case "supplier_organization": {
      const { supplierOrganizationId } = await connectionParties(tx, event.connectionId!);
      add(await membersOf(tx, [supplierOrganizationId]));
      break;
    }
    case "other_side": {
      const parties = await connectionParties(tx, event.connectionId!);
      const actor = event.actorId ? await tx.user.findUnique({ where: { id: event.actorId }, select: { organizationId: true } }) : null;
      const actorSide = actor?.organizationId ?? null;
      add(await membersOf(tx, [parties.retailerOrganizationId, parties.supplierOrganizationId].filter((id) => id !== actorSide)));
      break;
    }
  }
  if (event.actorId) ids.delete(event.actorId);
  return [...ids];
}
