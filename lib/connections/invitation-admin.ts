import "server-only";
import { assertAdmin, type Actor } from "../auth/actor";
import { recordAudit } from "../audit";
import { db } from "../db/client";
import { AppError, notFound } from "../http/errors";
import { isUuid } from "../ids";
import { recordEvent } from "../events/record";
import { assertSupplierOrganization } from "./create";
import { inviteSupplier, revokeOpenInvitation } from "./invitations";

const refusal = "Only platform admins can invite suppliers.";

export type InvitationState = "pending" | "expired" | "accepted" | "revoked";

/**
 * For the admin's request page: the approved request's connection, whether its supplier is on the
 * portal, and its latest invitation. Null while the request has no connection.
 */
export async function getSupplierInvitationPanel(actor: Actor, connectionRequestId: string, now = new Date()) {
  assertAdmin(actor, refusal);
  if (!isUuid(connectionRequestId)) throw notFound();
  const connection = await db.connection.findUnique({
    where: { connectionRequestId },
    select: {
      id: true,
      status: true,
      supplierName: true,
      supplierContactEmail: true,
      supplierOrganization: { select: { id: true, name: true, accountManagerId: true } },
      invitations: { orderBy: { createdAt: "desc" }, take: 1, select: { email: true, createdAt: true, expiresAt: true, acceptedAt: true, revokedAt: true, sentCount: true } },
    },
  });
  if (!connection) return null;
  const latest = connection.invitations[0];
  const state: InvitationState | null = !latest ? null : latest.acceptedAt ? "accepted" : latest.revokedAt ? "revoked" : latest.expiresAt > now ? "pending" : "expired";
  return {
    connectionId: connection.id,
    deactivated: connection.status === "deactivated",
    supplierName: connection.supplierName,
    supplierOrganization: connection.supplierOrganization,
    contactEmail: connection.supplierContactEmail,
    invitation: latest && { ...latest, state: state! },
  };
}
export type SupplierInvitationPanel = NonNullable<Awaited<ReturnType<typeof getSupplierInvitationPanel>>>;

/**
 * Sends a fresh invitation (the old link stops working): to `email` when given, else to the
 * address of the last invitation or the request's contact. An address given where the
 * connection had none becomes its supplier contact's.
 */
export async function sendSupplierInvitation(actor: Actor, connectionId: string, email?: string, now = new Date()): Promise<string> {
  assertAdmin(actor, refusal);
  if (!isUuid(connectionId)) throw notFound();
  return db.$transaction(async (tx) => {
    const connection = await tx.connection.findUnique({
      where: { id: connectionId },
      select: { supplierContactEmail: true, retailerOrganizationId: true, invitations: { orderBy: { createdAt: "desc" }, take: 1, select: { email: true } } },
    });
    if (!connection) throw notFound();
    const address = email ?? connection.invitations[0]?.email ?? connection.supplierContactEmail;
    if (!address) throw new AppError("validation", "Invalid input.", { fieldErrors: { email: ["Enter the supplier contact's e-mail address."] } });
    await inviteSupplier(tx, connectionId, address, actor.userId, now);
    if (email && !connection.supplierContactEmail) await tx.connection.update({ where: { id: connectionId }, data: { supplierContactEmail: email } });
    await recordAudit(tx, {
      actorId: actor.userId,
      organizationId: connection.retailerOrganizationId,
      action: "supplier_invitation.send",
      targetType: "connection",
      targetId: connectionId,
      details: { email: address.toLowerCase() },
    });
    return address.toLowerCase();
  });
}

/** Withdraws the connection's open invitation: its link stops working. */
export async function revokeSupplierInvitation(actor: Actor, connectionId: string, now = new Date()): Promise<void> {
  assertAdmin(actor, refusal);
  if (!isUuid(connectionId)) throw notFound();
  await db.$transaction(async (tx) => {
    const connection = await tx.connection.findUnique({ where: { id: connectionId }, select: { retailerOrganizationId: true } });
    if (!connection) throw notFound();
    if (!(await revokeOpenInvitation(tx, connectionId, now))) throw new AppError("conflict", "This connection has no open invitation to revoke.");
    await recordAudit(tx, { actorId: actor.userId, organizationId: connection.retailerOrganizationId, action: "supplier_invitation.revoke", targetType: "connection", targetId: connectionId });
  });
}

/**
 * The "Supplier organization" choices (approving, or linking later): the supplier organizations
 * named as requested (case-insensitive) first, then others by name, at most 50 of them, those whose
 * name contains `search` when the admin searched, so that any supplier can be found.
 */
export async function listSupplierChoices(actor: Actor, supplierName: string, search = "") {
  assertAdmin(actor, refusal);
  const nameKey = supplierName.trim().toLowerCase();
  const contains = search.trim().toLowerCase();
  const [matches, others] = await Promise.all([
    db.organization.findMany({ where: { type: "supplier", nameKey }, select: { id: true, name: true } }),
    db.organization.findMany({
      where: { type: "supplier", AND: [{ nameKey: { not: nameKey } }, ...(contains ? [{ nameKey: { contains } }] : [])] },
      orderBy: { nameKey: "asc" },
      take: 50,
      select: { id: true, name: true },
    }),
  ]);
  return { matches, others };
}
export type SupplierChoices = Awaited<ReturnType<typeof listSupplierChoices>>;

/**
 * Links a waiting connection to a supplier organization already on the portal, after approval:
 * for a contact who already had an account, or a supplier that registered on its own. Any open
 * invitation stops working; the retailer hears of it as of an accepted invitation.
 */
export async function linkSupplierOrganization(actor: Actor, connectionId: string, organizationId: string): Promise<void> {
  assertAdmin(actor, refusal);
  if (!isUuid(connectionId)) throw notFound();
  await db.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT id FROM "Connection" WHERE id = ${connectionId}::uuid FOR UPDATE`;
    const connection = await tx.connection.findUnique({ where: { id: connectionId }, select: { status: true, supplierOrganizationId: true, retailerOrganizationId: true } });
    if (!connection) throw notFound();
    if (connection.supplierOrganizationId) throw new AppError("conflict", "This connection's supplier is already linked.");
    if (connection.status === "deactivated") throw new AppError("conflict", "This connection is deactivated: there is nothing to link.");
    await assertSupplierOrganization(tx, organizationId);
    await tx.connection.update({ where: { id: connectionId }, data: { supplierOrganizationId: organizationId } });
    await revokeOpenInvitation(tx, connectionId);
    await recordEvent(tx, { type: "connection.supplier_linked", actorId: actor.userId, connectionId, organizationId: connection.retailerOrganizationId });
    await recordAudit(tx, {
      actorId: actor.userId,
      organizationId: connection.retailerOrganizationId,
      action: "connection.link_supplier",
      targetType: "connection",
      targetId: connectionId,
      details: { supplier_organization: organizationId },
    });
  });
}
