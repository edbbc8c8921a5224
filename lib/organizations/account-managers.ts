import "server-only";
import { assertAdmin, displayName, type Actor } from "../auth/actor";
import { recordAudit } from "../audit";
import { db } from "../db/client";
import { AppError, notFound } from "../http/errors";
import { isUuid } from "../ids";

const refusal = "Only platform admins can assign account managers.";

/** Who can manage accounts: the active platform admins, by name. */
export async function listAccountManagerChoices(actor: Actor) {
  assertAdmin(actor, refusal);
  const admins = await db.user.findMany({
    where: { role: "admin", status: "active" },
    orderBy: [{ firstName: "asc" }, { lastName: "asc" }, { email: "asc" }],
    take: 200,
    select: { id: true, firstName: true, lastName: true, email: true },
  });
  return admins.map((admin) => ({ id: admin.id, name: displayName(admin) }));
}

/** Names the platform admin who looks after an organization (null: nobody), with an audit entry. */
export async function setAccountManager(actor: Actor, organizationId: string, accountManagerId: string | null): Promise<void> {
  assertAdmin(actor, refusal);
  if (!isUuid(organizationId)) throw notFound();
  await db.$transaction(async (tx) => {
    const organization = await tx.organization.findUnique({ where: { id: organizationId }, select: { accountManagerId: true } });
    if (!organization) throw notFound();
    if (accountManagerId) {
      const manager = await tx.user.findUnique({ where: { id: accountManagerId }, select: { role: true, status: true } });
      if (manager?.role !== "admin" || manager.status !== "active") {
        throw new AppError("validation", "Invalid input.", { fieldErrors: { accountManagerId: ["An account manager must be an active platform admin."] } });
      }
    }
    await tx.organization.update({ where: { id: organizationId }, data: { accountManagerId } });
    await recordAudit(tx, {
      actorId: actor.userId,
      organizationId,
      action: "organization.account_manager",
      targetType: "organization",
      targetId: organizationId,
      fromState: organization.accountManagerId,
      toState: accountManagerId,
    });
  });
}
