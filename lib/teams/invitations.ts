import "server-only";
import { assertOwner, isAdmin, type Actor } from "../auth/actor";
import { hashPassword } from "../auth/password";
import { generateSecret, hashSecret } from "../auth/secrets";
import { db } from "../db/client";
import type { Tx } from "../db/connect";
import { Prisma } from "../generated/prisma/client";
import { AppError, notFound } from "../http/errors";
import { isUuid } from "../ids";
import { renderPlainEmail } from "../mail/templates";
import { consume, invitationAcceptPerAddress, teamInvitationsPerOrganization } from "../rate-limit";
import type { AcceptTeamInvitationInput, InviteMemberInput } from "../schemas/teams";
import { recordTeamChange } from "./history";
import { lockOrganization } from "./roles";

/** How long a team invitation link works. */
export const teamInvitationLifetimeMs = 7 * 24 * 3_600_000;

/** Not accepted, not revoked, not expired: a link the invited person can still use. */
const usable = (now: Date) => ({ acceptedAt: null, revokedAt: null, expiresAt: { gt: now } });

const ownersOnly = "Only the organization's owners manage its invitations.";

/** Writes a new token for the invitation and queues its mail, in the caller's transaction. */
async function mailInvitation(tx: Tx, invitation: { id: string; email: string; role: string }, organizationName: string, inviterName: string) {
  const token = generateSecret("ti");
  await tx.teamInvitation.update({ where: { id: invitation.id }, data: { tokenHash: hashSecret(token) } });
  const message = renderPlainEmail({
    subject: `${inviterName} invites you to ${organizationName} on Crux Requests`,
    body: `${inviterName} invites you to join ${organizationName} on Crux Requests as ${invitation.role === "owner" ? "an owner" : "a member"}. Follow the link to accept. It works once, within 7 days.`,
    // The first (and only) link is the acceptance link; in the query, which request logs leave out.
    path: `/invitations/team?token=${token}`,
  });
  await tx.emailDelivery.create({ data: { to: invitation.email, ...message } });
}

/**
 * An owner invites someone by e-mail. The answer is the same whether or not the address has an
 * account (which is only told on acceptance); an address with an open invitation gets a fresh
 * link instead of a second invitation. Limited per organization: each is a mail to an address
 * of the owner's choosing.
 */
export async function inviteMember(actor: Actor, input: InviteMemberInput, now = new Date()): Promise<{ id: string; email: string }> {
  assertOwner(actor, ownersOnly);
  const organization = actor.organization;
  await consume(teamInvitationsPerOrganization, organization.id);
  return db.$transaction(async (tx) => {
    await lockOrganization(tx, organization.id);
    const member = await tx.user.findFirst({ where: { email: input.email, organizationId: organization.id }, select: { id: true } });
    if (member) throw new AppError("conflict", `${input.email} is already on your team.`, { fieldErrors: { email: [`${input.email} is already on your team.`] } });
    const open = await tx.teamInvitation.findFirst({ where: { organizationId: organization.id, email: input.email, ...usable(now) }, select: { id: true, sentCount: true } });
    const expiresAt = new Date(now.getTime() + teamInvitationLifetimeMs);
    const invitation = open
      ? await tx.teamInvitation.update({ where: { id: open.id }, data: { role: input.role, expiresAt, sentCount: { increment: 1 }, createdById: actor.userId } })
      : await tx.teamInvitation.create({
          // A placeholder hash until mailInvitation writes the real one, in this transaction.
          data: { organizationId: organization.id, email: input.email, role: input.role, tokenHash: hashSecret(generateSecret("ti")), expiresAt, createdById: actor.userId },
        });
    await mailInvitation(tx, invitation, organization.name, actor.name);
    await recordTeamChange(tx, {
      type: open ? "organization.invitation_resent" : "organization.member_invited",
      organizationId: organization.id,
      actorId: actor.userId,
      message: `${input.email} (${input.role})`,
      toState: input.role,
      target: { type: "team_invitation", id: invitation.id },
    });
    return { id: invitation.id, email: invitation.email };
  });
}

/** One of the organization's invitations not yet accepted or revoked (expired ones can be resent). */
async function pendingInvitation(tx: Tx, actor: Actor & { organization: NonNullable<Actor["organization"]> }, invitationId: string) {
  const invitation = isUuid(invitationId)
    ? await tx.teamInvitation.findFirst({ where: { id: invitationId, organizationId: actor.organization.id }, select: { id: true, email: true, role: true, acceptedAt: true, revokedAt: true } })
    : null;
  if (!invitation) throw notFound("No such invitation.");
  if (invitation.acceptedAt) throw new AppError("conflict", "This invitation was already accepted.");
  if (invitation.revokedAt) throw new AppError("conflict", "This invitation was revoked: invite the person again.");
  return invitation;
}

/** A new link (7 days again); the old one stops working. */
export async function resendTeamInvitation(actor: Actor, invitationId: string, now = new Date()): Promise<string> {
  assertOwner(actor, ownersOnly);
  const owner = actor;
  await consume(teamInvitationsPerOrganization, owner.organization.id);
  return db.$transaction(async (tx) => {
    await lockOrganization(tx, owner.organization.id);
    const invitation = await pendingInvitation(tx, owner, invitationId);
    await tx.teamInvitation.update({ where: { id: invitation.id }, data: { expiresAt: new Date(now.getTime() + teamInvitationLifetimeMs), sentCount: { increment: 1 } } });
    await mailInvitation(tx, invitation, owner.organization.name, owner.name);
    await recordTeamChange(tx, { type: "organization.invitation_resent", organizationId: owner.organization.id, actorId: owner.userId, message: invitation.email, target: { type: "team_invitation", id: invitation.id } });
    return invitation.email;
  });
}

export async function revokeTeamInvitation(actor: Actor, invitationId: string, now = new Date()): Promise<string> {
  assertOwner(actor, ownersOnly);
  const owner = actor;
  return db.$transaction(async (tx) => {
    await lockOrganization(tx, owner.organization.id);
    const invitation = await pendingInvitation(tx, owner, invitationId);
    await tx.teamInvitation.update({ where: { id: invitation.id }, data: { revokedAt: now } });
    await recordTeamChange(tx, { type: "organization.invitation_revoked", organizationId: owner.organization.id, actorId: owner.userId, message: invitation.email, target: { type: "team_invitation", id: invitation.id } });
    return invitation.email;
  });
}

export type TeamInvitationView =
  | { state: "open"; email: string; role: "owner" | "member"; organizationName: string; expiresAt: Date; hasAccount: boolean }
  | { state: "unknown" | "expired" | "accepted" | "revoked" };

/** Why a link no longer works, in the words the invitation page shows. */
export const teamInvitationRefusals: Record<Exclude<TeamInvitationView["state"], "open">, string> = {
  unknown: "This invitation link is not valid. Check that you opened the whole link from the e-mail.",
  expired: "This invitation has expired. Ask the person who invited you for a new one.",
  accepted: "This invitation was already used. Sign in with your account.",
  revoked: "This invitation was withdrawn. If you received a newer one, use the link in that e-mail.",
};

const invitationSelect = {
  id: true,
  email: true,
  role: true,
  expiresAt: true,
  acceptedAt: true,
  revokedAt: true,
  organizationId: true,
  organization: { select: { name: true } },
} as const;

const findByToken = (client: Tx | typeof db, token: string) => client.teamInvitation.findUnique({ where: { tokenHash: hashSecret(token) }, select: invitationSelect });

function stateOf(invitation: Awaited<ReturnType<typeof findByToken>>, now: Date): TeamInvitationView["state"] {
  if (!invitation) return "unknown";
  if (invitation.acceptedAt) return "accepted";
  if (invitation.revokedAt) return "revoked";
  return invitation.expiresAt > now ? "open" : "expired";
}

/**
 * What the invitation page shows for a link: the organization and the address, or why the link
 * does not work. Whether the address has an account is shown only to the link's holder, whom the
 * e-mail reached.
 */
export async function describeTeamInvitation(token: string, now = new Date()): Promise<TeamInvitationView> {
  const invitation = await findByToken(db, token);
  const state = stateOf(invitation, now);
  if (state !== "open" || !invitation) return { state: state === "open" ? "unknown" : state };
  const account = await db.user.findUnique({ where: { email: invitation.email }, select: { id: true } });
  return { state, email: invitation.email, role: invitation.role, organizationName: invitation.organization.name, expiresAt: invitation.expiresAt, hasAccount: account !== null };
}

const refused = (state: Exclude<TeamInvitationView["state"], "open">) => new AppError(state === "unknown" ? "not_found" : "conflict", teamInvitationRefusals[state]);

const inAnotherOrganization = (email: string) =>
  new AppError("conflict", `${email} already belongs to another organization on Crux Requests. Leave it (Settings → Team) or ask its owner to remove you, then open this link again.`);

/**
 * Claims the invitation (a conditional update, so a link works once even when submitted twice at
 * the same moment), puts the person in the team with the invitation's role and records it.
 */
async function claim(tx: Tx, token: string, userId: string, now: Date) {
  await tx.$queryRaw`SELECT id FROM "User" WHERE id = ${userId}::uuid FOR UPDATE`;
  const [invitation] = await tx.teamInvitation.updateManyAndReturn({ where: { tokenHash: hashSecret(token), ...usable(now) }, data: { acceptedAt: now, acceptedById: userId }, select: invitationSelect });
  if (!invitation) {
    const state = stateOf(await findByToken(tx, token), now);
    throw refused(state === "open" ? "revoked" : state);
  }
  const { count } = await tx.user.updateMany({ where: { id: userId, organizationId: null }, data: { organizationId: invitation.organizationId, organizationRole: invitation.role } });
  if (count === 0) throw inAnotherOrganization(invitation.email);
  await recordTeamChange(tx, { type: "organization.member_joined", organizationId: invitation.organizationId, actorId: userId, userId, toState: invitation.role, message: invitation.email, target: { type: "team_invitation", id: invitation.id } });
}

async function openInvitation(token: string, now: Date) {
  const invitation = await findByToken(db, token);
  const state = stateOf(invitation, now);
  if (state !== "open" || !invitation) throw refused(state === "open" ? "unknown" : state);
  return invitation;
}

/**
 * Someone without an account accepts: an account for the invited address, confirmed (the link
 * reached it), in the team at once. Limited per client address and the token checked before the
 * memory-hard password hash.
 */
export async function acceptTeamInvitation(input: AcceptTeamInvitationInput, clientAddress: string, now = new Date()): Promise<{ userId: string }> {
  await consume(invitationAcceptPerAddress, clientAddress);
  const invitation = await openInvitation(input.token, now);
  const existing = await db.user.findUnique({ where: { email: invitation.email }, select: { organizationId: true } });
  if (existing?.organizationId) throw inAnotherOrganization(invitation.email);
  if (existing) throw new AppError("conflict", `${invitation.email} already has an account. Sign in with it, then open this link again to join ${invitation.organization.name}.`);
  const passwordHash = await hashPassword(input.password);
  const [firstName = "", ...rest] = input.name.split(/\s+/);
  return db.$transaction(async (tx) => {
    const user = await tx.user
      .create({ data: { email: invitation.email, passwordHash, firstName, lastName: rest.join(" "), emailVerifiedAt: now }, select: { id: true } })
      .catch((error: unknown) => {
        if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") throw new AppError("conflict", `${invitation.email} already has an account. Sign in with it, then open this link again.`);
        throw error;
      });
    await claim(tx, input.token, user.id, now);
    return { userId: user.id };
  });
}

/** The invited person, signed in with the invited address, joins the team. */
export async function joinTeam(actor: Actor, token: string, clientAddress: string, now = new Date()): Promise<void> {
  await consume(invitationAcceptPerAddress, clientAddress);
  const invitation = await openInvitation(token, now);
  if (invitation.email !== actor.email) throw new AppError("forbidden", `This invitation is for ${invitation.email}, and you are signed in as ${actor.email}. Sign out, then open the link again.`);
  if (actor.organization) throw inAnotherOrganization(invitation.email);
  if (isAdmin(actor)) throw new AppError("forbidden", "Platform admins belong to no organization.");
  await db.$transaction((tx) => claim(tx, token, actor.userId, now));
}
