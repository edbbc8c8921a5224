import type { Db, Tx } from "../db/connect";
import { AppError, notFound } from "../http/errors";
import { isUuid } from "../ids";
import { recordTeamChange } from "./history";

// No "server-only" here: the operator CLI sets roles too (`npm run cli -- user:update --org-role`).

/**
 * Takes the organization's row lock: every change to a team (invitations, roles, removals) holds
 * it, so two owners demoting each other at once cannot leave the organization without one.
 */
export async function lockOrganization(tx: Tx, organizationId: string): Promise<void> {
  await tx.$queryRaw`SELECT id FROM "Organization" WHERE id = ${organizationId}::uuid FOR UPDATE`;
}

export const lastOwner = () => new AppError("conflict", "An organization must keep at least one owner: make someone else an owner first.");

export const ownersOf = (tx: Tx, organizationId: string) => tx.user.count({ where: { organizationId, organizationRole: "owner" } });

/** A member of the owner's own organization (anyone else: 404, as if they did not exist). */
export async function teamMember(tx: Tx, organizationId: string, userId: string) {
  const member = isUuid(userId) ? await tx.user.findFirst({ where: { id: userId, organizationId }, select: { id: true, email: true, organizationRole: true } }) : null;
  if (!member) throw notFound("No such member of your team.");
  return member;
}

/** Changes a member's role under the organization's lock, keeping at least one owner; false when it was already so. */
export async function applyRoleChange(tx: Tx, organizationId: string, member: { id: string; email: string; organizationRole: "owner" | "member" }, role: "owner" | "member", actorId: string | null) {
  if (member.organizationRole === role) return false;
  if (member.organizationRole === "owner" && (await ownersOf(tx, organizationId)) <= 1) throw lastOwner();
  await tx.user.update({ where: { id: member.id }, data: { organizationRole: role } });
  await recordTeamChange(tx, { type: "organization.role_changed", organizationId, actorId, userId: member.id, fromState: member.organizationRole, toState: role, message: `${member.email}: ${member.organizationRole} → ${role}`, target: { type: "user", id: member.id } });
  return true;
}

/** The operator's `user:update --org-role`: the same rules, recorded with no actor. */
export async function setOrganizationRole(client: Db, email: string, role: "owner" | "member"): Promise<{ email: string; organization: string; changed: boolean }> {
  return client.$transaction(async (tx) => {
    const person = await tx.user.findUnique({ where: { email: email.trim().toLowerCase() }, select: { id: true, organization: { select: { id: true, name: true } } } });
    if (!person) throw new AppError("not_found", `No account has the e-mail address ${email}.`);
    if (!person.organization) throw new AppError("conflict", `${email} is in no organization.`);
    await lockOrganization(tx, person.organization.id);
    const member = await teamMember(tx, person.organization.id, person.id);
    return { email: member.email, organization: person.organization.name, changed: await applyRoleChange(tx, person.organization.id, member, role, null) };
  });
}

