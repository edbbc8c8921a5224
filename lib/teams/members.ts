import "server-only";
import { assertOwner, displayName, isOwner, type Actor } from "../auth/actor";
import { revokeAccess } from "../auth/revocation";
import { db } from "../db/client";
import type { Tx } from "../db/connect";
import { timelineEntry, type TimelineEntry } from "../events/timeline";
import { personSelect } from "../connection-requests/dto";
import { AppError, notFound } from "../http/errors";
import { isUuid } from "../ids";
import { recordTeamChange } from "./history";

/**
 * Takes the organization's row lock: every change to a team (invitations, roles, removals) holds
 * it, so two owners demoting each other at once cannot leave the organization without one.
 */
export async function lockOrganization(tx: Tx, organizationId: string): Promise<void> {
  await tx.$queryRaw`SELECT id FROM "Organization" WHERE id = ${organizationId}::uuid FOR UPDATE`;
}

const lastOwner = () => new AppError("conflict", "An organization must keep at least one owner: make someone else an owner first.");

const ownersOf = (tx: Tx, organizationId: string) => tx.user.count({ where: { organizationId, organizationRole: "owner" } });

function memberOfTeam(actor: Actor): asserts actor is Actor & { organization: NonNullable<Actor["organization"]> } {
  if (!actor.organization) throw notFound("You are not in an organization.");
}

export interface TeamMember {
  id: string;
  name: string;
  email: string;
  role: "owner" | "member";
  you: boolean;
}

export interface PendingTeamInvitation {
  id: string;
  email: string;
  role: "owner" | "member";
  expiresAt: Date;
  expired: boolean;
  invitedBy: string | null;
}

export interface TeamView {
  organization: { id: string; name: string };
  canManage: boolean;
  members: TeamMember[];
  /** Owners only: members see who is on the team, not who was asked. */
  invitations: PendingTeamInvitation[];
  history: TimelineEntry[];
}

/** How many of the latest team changes the page shows. */
const historyLength = 50;

/** The actor's team: everyone in it, the open invitations (for owners) and the latest changes. */
export async function teamView(actor: Actor, now = new Date()): Promise<TeamView> {
  memberOfTeam(actor);
  const organizationId = actor.organization.id;
  const canManage = isOwner(actor);
  const [members, invitations, events] = await Promise.all([
    db.user.findMany({
      where: { organizationId },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      select: { id: true, email: true, firstName: true, lastName: true, organizationRole: true },
    }),
    canManage
      ? db.teamInvitation.findMany({
          where: { organizationId, acceptedAt: null, revokedAt: null },
          orderBy: [{ createdAt: "desc" }, { id: "desc" }],
          select: { id: true, email: true, role: true, expiresAt: true, createdBy: { select: { email: true, firstName: true, lastName: true } } },
        })
      : Promise.resolve([]),
    db.event.findMany({
      where: { organizationId, type: { startsWith: "organization." } },
      orderBy: { sequence: "desc" },
      take: historyLength,
      include: { actor: { select: personSelect } },
    }),
  ]);
  return {
    organization: { id: organizationId, name: actor.organization.name },
    canManage,
    members: members.map((member) => ({ id: member.id, name: displayName(member), email: member.email, role: member.organizationRole, you: member.id === actor.userId })),
    invitations: invitations.map((invitation) => ({
      id: invitation.id,
      email: invitation.email,
      role: invitation.role,
      expiresAt: invitation.expiresAt,
      expired: invitation.expiresAt <= now,
      invitedBy: invitation.createdBy ? displayName(invitation.createdBy) : null,
    })),
    history: events.reverse().map(timelineEntry),
  };
}

/** A member of the owner's own organization (anyone else: 404, as if they did not exist). */
async function teamMember(tx: Tx, organizationId: string, userId: string) {
  const member = isUuid(userId) ? await tx.user.findFirst({ where: { id: userId, organizationId }, select: { id: true, email: true, organizationRole: true } }) : null;
  if (!member) throw notFound("No such member of your team.");
  return member;
}

export async function changeMemberRole(actor: Actor, userId: string, role: "owner" | "member"): Promise<{ email: string; changed: boolean }> {
  assertOwner(actor, "Only the organization's owners change roles.");
  const organizationId = actor.organization.id;
  return db.$transaction(async (tx) => {
    await lockOrganization(tx, organizationId);
    const member = await teamMember(tx, organizationId, userId);
    if (member.organizationRole === role) return { email: member.email, changed: false };
    if (member.organizationRole === "owner" && (await ownersOf(tx, organizationId)) <= 1) throw lastOwner();
    await tx.user.update({ where: { id: member.id }, data: { organizationRole: role } });
    await recordTeamChange(tx, { type: "organization.role_changed", organizationId, actorId: actor.userId, userId: member.id, fromState: member.organizationRole, toState: role, message: `${member.email}: ${member.organizationRole} → ${role}`, target: { type: "user", id: member.id } });
    return { email: member.email, changed: true };
  });
}

/**
 * Takes a person out of the organization, in one transaction: they keep their account, without an
 * organization, and lose at once every way back in (sessions, API tokens, app authorizations) and
 * the organization's webhook endpoints they made.
 */
async function takeOut(tx: Tx, organizationId: string, member: { id: string; organizationRole: string }, now: Date) {
  if (member.organizationRole === "owner" && (await ownersOf(tx, organizationId)) <= 1) throw lastOwner();
  await tx.user.update({ where: { id: member.id }, data: { organizationId: null, organizationRole: "member" } });
  await revokeAccess(tx, member.id, now, { webhookEndpoints: true });
}

export async function removeMember(actor: Actor, userId: string, now = new Date()): Promise<string> {
  assertOwner(actor, "Only the organization's owners remove members.");
  const organizationId = actor.organization.id;
  return db.$transaction(async (tx) => {
    await lockOrganization(tx, organizationId);
    const member = await teamMember(tx, organizationId, userId);
    await takeOut(tx, organizationId, member, now);
    await recordTeamChange(tx, {
      type: member.id === actor.userId ? "organization.member_left" : "organization.member_removed",
      organizationId,
      actorId: actor.userId,
      userId: member.id,
      message: member.email,
      target: { type: "user", id: member.id },
    });
    return member.email;
  });
}

/** A person leaves their organization (its last owner cannot). They are signed out everywhere. */
export async function leaveOrganization(actor: Actor, now = new Date()): Promise<void> {
  memberOfTeam(actor);
  const organizationId = actor.organization.id;
  await db.$transaction(async (tx) => {
    await lockOrganization(tx, organizationId);
    const member = await teamMember(tx, organizationId, actor.userId);
    await takeOut(tx, organizationId, member, now);
    await recordTeamChange(tx, { type: "organization.member_left", organizationId, actorId: actor.userId, userId: actor.userId, message: actor.email, target: { type: "user", id: actor.userId } });
  });
}
