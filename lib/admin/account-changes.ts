import { recordAudit } from "../audit";
import { revokeAccess, type Revoked } from "../auth/revocation";
import type { Tx } from "../db/connect";
import { AppError, notFound } from "../http/errors";

export interface AccountChange {
  role?: "member" | "admin";
  status?: "active" | "disabled";
}

export interface ChangedAccount {
  id: string;
  email: string;
  role: "member" | "admin";
  status: "active" | "disabled";
  /** What disabling revoked; absent when the account was not disabled by this change. */
  revoked?: Revoked;
}

export const lastAdminMessage = (email: string) =>
  `${email} is the last active platform admin: make someone else an admin before removing or disabling this one.`;

/**
 * The one place a person's platform role or account state changes, for the admins' people pages
 * and the operator CLI alike, in the caller's transaction:
 * - the platform never loses its last active admin (409). The active admins' rows are locked
 *   first, always in id order, then the person's, so two demotions at once wait for each other
 *   and the second sees the first's result instead of both passing;
 * - disabling revokes everything the person holds (sessions, API tokens, OAuth grants and their
 *   tokens, the organization webhook endpoints they made); any other change signs them out;
 * - each transition is an audit entry about the person (`user.disable`, `user.enable`,
 *   `user.promote`, `user.demote`); `actorId` null is the operator at a shell.
 * A change to what the account already is changes nothing and records nothing.
 */
export async function applyAccountChange(tx: Tx, userId: string, change: AccountChange, context: { actorId: string | null; now: Date; via: "admin" | "cli" }): Promise<ChangedAccount> {
  const admins = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM "User" WHERE role = 'admin' AND status = 'active' ORDER BY id FOR UPDATE`;
  await tx.$queryRaw`SELECT id FROM "User" WHERE id = ${userId}::uuid FOR UPDATE`;
  const user = await tx.user.findUnique({ where: { id: userId }, select: { id: true, email: true, role: true, status: true, organizationId: true } });
  if (!user) throw notFound();
  const next = { role: change.role ?? user.role, status: change.status ?? user.status };
  const result: ChangedAccount = { id: user.id, email: user.email, ...next };
  if (next.role === user.role && next.status === user.status) return result;

  const wasActiveAdmin = user.role === "admin" && user.status === "active";
  const staysActiveAdmin = next.role === "admin" && next.status === "active";
  if (wasActiveAdmin && !staysActiveAdmin && !admins.some((admin) => admin.id !== user.id)) throw new AppError("conflict", lastAdminMessage(user.email));

  await tx.user.update({ where: { id: user.id }, data: next });
  if (next.status === "disabled" && user.status !== "disabled") {
    result.revoked = await revokeAccess(tx, user.id, context.now, { webhookEndpoints: true });
  } else {
    await tx.userSession.updateMany({ where: { userId: user.id, revokedAt: null }, data: { revokedAt: context.now } });
  }

  const audit = (action: string, fromState: string, toState: string, details: Record<string, unknown> = {}) =>
    recordAudit(tx, {
      actorId: context.actorId,
      subjectUserId: user.id,
      organizationId: user.organizationId,
      action,
      targetType: "user",
      targetId: user.id,
      fromState,
      toState,
      details: { via: context.via, ...details },
    });
  if (next.status !== user.status) {
    await audit(next.status === "disabled" ? "user.disable" : "user.enable", user.status, next.status, result.revoked ? { revoked: { ...result.revoked } } : {});
  }
  if (next.role !== user.role) await audit(next.role === "admin" ? "user.promote" : "user.demote", user.role, next.role);
  return result;
}
