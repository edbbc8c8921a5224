import "server-only";
import { hashPassword } from "../auth/password";
import { hashSecret } from "../auth/secrets";
import { recordAudit } from "../audit";
import { db } from "../db/client";
import type { Tx } from "../db/connect";
import { recordEvent } from "../events/record";
import { Prisma } from "../generated/prisma/client";
import { AppError } from "../http/errors";
import { consume, invitationAcceptPerAddress } from "../rate-limit";
import type { AcceptInvitationInput } from "../schemas/invitations";
import { createOrganization } from "../users/accounts";
import { usableInvitation } from "./invitations";

export type InvitationView =
  | { state: "open"; email: string; retailerName: string; supplierName: string; expiresAt: Date }
  | { state: "unknown" | "expired" | "accepted" | "revoked" };

/** Why a link no longer works, in the words the invitation page shows. */
export const invitationRefusals: Record<Exclude<InvitationView["state"], "open">, string> = {
  unknown: "This invitation link is not valid. Check that you opened the whole link from the e-mail.",
  expired: "This invitation has expired. Ask the Crux Requests team or the retailer who invited you for a new one.",
  accepted: "This invitation was already used. Sign in with the account it created.",
  revoked: "This invitation was withdrawn. If you received a newer one, use the link in that e-mail.",
};

const invitationSelect = {
  id: true,
  email: true,
  expiresAt: true,
  acceptedAt: true,
  revokedAt: true,
  connection: { select: { id: true, status: true, supplierName: true, supplierOrganizationId: true, retailerOrganizationId: true, retailerOrganization: { select: { name: true } } } },
} as const;

async function findByToken(client: Tx | typeof db, token: string) {
  return client.supplierInvitation.findUnique({ where: { tokenHash: hashSecret(token) }, select: invitationSelect });
}

type InvitationRow = NonNullable<Awaited<ReturnType<typeof findByToken>>>;

function stateOf(invitation: InvitationRow | null, now: Date): InvitationView["state"] {
  if (!invitation) return "unknown";
  if (invitation.acceptedAt) return "accepted";
  if (invitation.revokedAt) return "revoked";
  // A supplier linked some other way, or a connection ended meanwhile, leaves nothing to accept.
  if (invitation.connection.supplierOrganizationId || invitation.connection.status === "deactivated") return "revoked";
  return invitation.expiresAt > now ? "open" : "expired";
}

/** What the invitation page shows for a link: who invited whom, or why the link no longer works. */
export async function describeInvitation(token: string, now = new Date()): Promise<InvitationView> {
  const invitation = await findByToken(db, token);
  const state = stateOf(invitation, now);
  if (state !== "open" || !invitation) return { state: state === "open" ? "unknown" : state };
  return { state, email: invitation.email, retailerName: invitation.connection.retailerOrganization.name, supplierName: invitation.connection.supplierName, expiresAt: invitation.expiresAt };
}

const refused = (state: Exclude<InvitationView["state"], "open">) => new AppError(state === "unknown" ? "not_found" : "conflict", invitationRefusals[state]);

const accountExists = (email: string) =>
  new AppError("conflict", `${email} already has an account on Crux Requests. Sign in with it, and ask the Crux Requests admins to link your organization to this connection.`);

/**
 * Accepting an invitation registers the supplier: a new supplier organization with the invited
 * person as its first member, the address already confirmed (the link reached it), and the
 * connection linked to it. One transaction, claimed by a conditional update on the invitation,
 * so a link works once even when submitted twice at the same moment. Limited per client address
 * and checked before the memory-hard password hash, so a flood of guesses costs us little.
 */
export async function acceptSupplierInvitation(input: AcceptInvitationInput, clientAddress: string, now = new Date()): Promise<{ userId: string; connectionId: string }> {
  await consume(invitationAcceptPerAddress, clientAddress);
  const before = await findByToken(db, input.token);
  const state = stateOf(before, now);
  if (state !== "open" || !before) throw refused(state === "open" ? "unknown" : state);
  if (await db.user.findUnique({ where: { email: before.email }, select: { id: true } })) throw accountExists(before.email);
  const passwordHash = await hashPassword(input.password);
  const [firstName = "", ...rest] = input.name.split(/\s+/);

  return db.$transaction(async (tx) => {
    // The connection's row first, as a resend takes it (lib/connections/invitations.ts), then the
    // invitation's: the same order, so an accept and a resend at once wait instead of deadlocking.
    await tx.$queryRaw`SELECT id FROM "Connection" WHERE id = ${before.connection.id}::uuid FOR UPDATE`;
    const claimed = await tx.supplierInvitation.updateManyAndReturn({
      where: { tokenHash: hashSecret(input.token), ...usableInvitation(now), connection: { status: { not: "deactivated" }, supplierOrganizationId: null } },
      data: { acceptedAt: now },
      select: invitationSelect,
    });
    const invitation = claimed[0];
    if (!invitation) {
      const state = stateOf(await findByToken(tx, input.token), now);
      throw refused(state === "open" ? "revoked" : state);
    }
    if (await tx.user.findUnique({ where: { email: invitation.email }, select: { id: true } })) throw accountExists(invitation.email);
    const organization = await createOrganization(tx, { name: input.organizationName, type: "supplier" });
    const user = await tx.user
      .create({
        data: { email: invitation.email, passwordHash, firstName, lastName: rest.join(" "), organizationId: organization.id, organizationRole: "owner", emailVerifiedAt: now },
        select: { id: true },
      })
      .catch((error: unknown) => {
        // Registered with this address between the check above and this insert.
        if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") throw accountExists(invitation.email);
        throw error;
      });
    await linkSupplier(tx, invitation, organization.id, user.id);
    return { userId: user.id, connectionId: invitation.connection.id };
  });
}

async function linkSupplier(tx: Tx, invitation: InvitationRow, organizationId: string, userId: string) {
  const { connection } = invitation;
  const { count } = await tx.connection.updateMany({ where: { id: connection.id, supplierOrganizationId: null }, data: { supplierOrganizationId: organizationId } });
  if (count === 0) throw refused("revoked");
  await recordEvent(tx, { type: "connection.supplier_linked", actorId: userId, connectionId: connection.id, organizationId: connection.retailerOrganizationId });
  await recordAudit(tx, {
    actorId: userId,
    subjectUserId: userId,
    organizationId,
    action: "supplier_invitation.accept",
    targetType: "connection",
    targetId: connection.id,
    details: { invitation: invitation.id },
  });
}
