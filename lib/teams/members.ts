import "server-only";
import { assertOwner, displayName, isOwner, type Actor } from "../auth/actor";
import { revokeAccess } from "../auth/revocation";
import { db } from "../db/client";
import type { Tx } from "../db/connect";
import { timelineEntry, type TimelineEntry } from "../events/timeline";
import { personSelect } from "../connection-requests/dto";
import { notFound } from "../http/errors";
import { recordTeamChange } from "./history";
import { applyRoleChange, lastOwner, lockOrganization, ownersOf, teamMember } from "./roles";

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

export async function changeMemberRole(actor: Actor, userId: string, role: "owner" | "member"): Promise<{ email: string; changed: boolean }> {
  assertOwner(actor, "Only the organization's owners change roles.");
  const organizationId = actor.organization.id;
  return db.$transaction(async (tx) => {
    await lockOrganization(tx, organizationId);
    const member = await teamMember(tx, organizationId, userId);
    return { email: member.email, changed: await applyRoleChange(tx, organizationId, member, role, actor.userId) };
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
