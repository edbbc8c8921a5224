import "server-only";
import { isAdmin, type Actor } from "../auth/actor";
import type { Tx } from "../db/connect";
import type { Prisma } from "../generated/prisma/client";
import { notFound } from "../http/errors";
import { isUuid } from "../ids";

/** Connections an approval created, seen from either side: the retailer's or the supplier's; admins see all. */
export function visibleConnections(actor: Actor): Prisma.ConnectionWhereInput {
  if (isAdmin(actor)) return {};
  const id = actor.organization?.id;
  return id ? { OR: [{ retailerOrganizationId: id }, { supplierOrganizationId: id }] } : { id: { in: [] } };
}

/** Which side of the connection the actor acts for; an admin acts for the platform. */
export type Side = "retailer" | "supplier" | "admin";

export function sideOf(actor: Actor, connection: { retailerOrganizationId: string; supplierOrganizationId: string | null }): Side | null {
  const org = actor.organization?.id;
  if (org && org === connection.retailerOrganizationId) return "retailer";
  if (org && org === connection.supplierOrganizationId) return "supplier";
  return isAdmin(actor) ? "admin" : null;
}

const connectionKeys = { id: true, status: true, retailerOrganizationId: true, supplierOrganizationId: true } satisfies Prisma.ConnectionSelect;
export type ConnectionKeys = Prisma.ConnectionGetPayload<{ select: typeof connectionKeys }>;

/**
 * The connection the actor can see, with the side they act for: another organization's (or an
 * unknown id) is a 404, so nobody learns that it exists.
 */
export async function findVisibleConnection(tx: Tx, actor: Actor, id: string): Promise<{ connection: ConnectionKeys; side: Side }> {
  if (!isUuid(id)) throw notFound();
  const connection = await tx.connection.findFirst({ where: { AND: [{ id }, visibleConnections(actor)] }, select: connectionKeys });
  const side = connection && sideOf(actor, connection);
  if (!connection || !side) throw notFound();
  return { connection, side };
}
