import "server-only";
import { isAdmin, type Actor } from "../auth/actor";
import { recordAudit } from "../audit";
import { db } from "../db/client";
import type { Tx } from "../db/connect";
import { AppError, forbidden, notFound } from "../http/errors";
import { isUuid } from "../ids";

export type Decision = { kind: "approve" } | { kind: "reject"; reason: string };

/** Deciding is for platform admins: checked before anything else is read or validated. */
export function assertCanDecide(actor: Actor) {
  if (!isAdmin(actor)) throw forbidden("Only platform admins can approve or reject connection requests.");
}

/**
 * Approves or rejects a pending request. The state change is one conditional update
 * (`WHERE status = 'pending'`): of two admins deciding at once exactly one changes the row, and
 * the other is told it was already decided. Approval creates the connection, and every decision
 * records an audit event, in the same transaction.
 */
export async function decideConnectionRequest(actor: Actor, id: string, decision: Decision): Promise<void> {
  assertCanDecide(actor);
  if (!isUuid(id)) throw notFound();
  await db.$transaction(async (tx) => {
    const decidedAt = new Date();
    const toState = decision.kind === "approve" ? "approved" : "rejected";
    const { count } = await tx.connectionRequest.updateMany({
      where: { id, status: "pending" },
      data: {
        status: toState,
        decidedAt,
        decidedById: actor.userId,
        rejectionReason: decision.kind === "reject" ? decision.reason : null,
      },
    });
    if (count === 0) {
      const existing = await tx.connectionRequest.findUnique({ where: { id }, select: { status: true } });
      if (!existing) throw notFound();
      throw new AppError("unprocessable", `This request was already ${existing.status}.`);
    }
    const request = await tx.connectionRequest.findUniqueOrThrow({ where: { id } });
    if (decision.kind === "approve") await createConnection(tx, request);
    await recordAudit(tx, {
      actorId: actor.userId,
      subjectUserId: request.requestedById,
      organizationId: request.organizationId,
      action: `connection_request.${decision.kind}`,
      targetType: "connection_request",
      targetId: id,
      fromState: "pending",
      toState,
      details: decision.kind === "reject" ? { reason: decision.reason } : undefined,
    });
  });
}

async function createConnection(
  tx: Tx,
  request: { id: string; organizationId: string; supplierName: string; contactFullName: string; contactEmail: string; contactPhone: string; retailerAccountNumber: string },
) {
  // The supplier is linked when it is an organization of this portal under the requested name.
  const supplier = await tx.organization.findFirst({
    where: { nameKey: request.supplierName.trim().toLowerCase(), type: "supplier" },
    select: { id: true },
  });
  await tx.connection.create({
    data: {
      connectionRequestId: request.id,
      retailerOrganizationId: request.organizationId,
      supplierOrganizationId: supplier?.id ?? null,
      supplierName: request.supplierName,
      supplierContactName: request.contactFullName,
      supplierContactEmail: request.contactEmail,
      supplierContactPhone: request.contactPhone,
      retailerAccountNumber: request.retailerAccountNumber,
    },
  });
}

/** Decides several requests; each succeeds or fails on its own. */
export async function decideConnectionRequests(actor: Actor, ids: string[], decision: Decision) {
  assertCanDecide(actor);
  const results: { id: string; ok: boolean; message?: string }[] = [];
  for (const id of ids) {
    try {
      await decideConnectionRequest(actor, id, decision);
      results.push({ id, ok: true });
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      results.push({ id, ok: false, message: error.message });
    }
  }
  return results;
}
