import "server-only";
import { generateSecret, hashSecret } from "../auth/secrets";
import type { Tx } from "../db/connect";
import { AppError } from "../http/errors";
import { renderPlainEmail } from "../mail/templates";

/** How long an invitation link works: long enough for a supplier to find the right person. */
export const invitationLifetimeMs = 14 * 24 * 3_600_000;

/** Not accepted, not revoked, not expired: the one an invited supplier can still use. */
export const usableInvitation = (now: Date) => ({ acceptedAt: null, revokedAt: null, expiresAt: { gt: now } });

const fieldError = (field: string, message: string) => new AppError("validation", "Invalid input.", { fieldErrors: { [field]: [message] } });

/**
 * Mails the supplier of an unlinked connection a link to join the portal, in the caller's
 * transaction, so the approval (or the admin's resend) and its mail commit together. The
 * connection's row lock serialises two resends: any earlier invitation still open is revoked,
 * leaving one usable link. The token lives only in the mail; the table keeps its hash.
 */
export async function inviteSupplier(tx: Tx, connectionId: string, email: string, createdById: string | null, now = new Date()): Promise<void> {
  await tx.$queryRaw`SELECT id FROM "Connection" WHERE id = ${connectionId}::uuid FOR UPDATE`;
  const connection = await tx.connection.findUniqueOrThrow({
    where: { id: connectionId },
    select: { supplierName: true, supplierOrganizationId: true, status: true, retailerOrganization: { select: { name: true } } },
  });
  if (connection.supplierOrganizationId) throw new AppError("conflict", "The supplier of this connection is already on the portal.");
  if (connection.status === "deactivated") throw new AppError("conflict", "This connection is deactivated: there is nothing to invite the supplier to.");
  const address = email.trim().toLowerCase();
  if (!address) throw fieldError("email", "Enter the supplier contact's e-mail address.");

  await tx.supplierInvitation.updateMany({ where: { connectionId, acceptedAt: null, revokedAt: null }, data: { revokedAt: now } });
  const previous = await tx.supplierInvitation.count({ where: { connectionId } });
  const token = generateSecret("si");
  await tx.supplierInvitation.create({
    data: { connectionId, email: address, tokenHash: hashSecret(token), expiresAt: new Date(now.getTime() + invitationLifetimeMs), createdById, sentCount: previous + 1 },
  });
  const retailer = connection.retailerOrganization.name;
  const message = renderPlainEmail({
    subject: `${retailer} invites you to Crux Requests`,
    body: `${retailer} would like to exchange data with ${connection.supplierName} through Crux Requests. Follow the link to register your organization and confirm the connection. The link works once, within 14 days.`,
    // In the query, as the other e-mailed links: request logs drop it, they keep the path.
    path: `/invitations?token=${token}`,
  });
  await tx.emailDelivery.create({ data: { to: address, nextAttemptAt: now, ...message } });
}

/** Revokes the connection's open invitation; false when there was none to revoke. */
export async function revokeOpenInvitation(tx: Tx, connectionId: string, now = new Date()): Promise<boolean> {
  const { count } = await tx.supplierInvitation.updateMany({ where: { connectionId, acceptedAt: null, revokedAt: null }, data: { revokedAt: now } });
  return count > 0;
}
