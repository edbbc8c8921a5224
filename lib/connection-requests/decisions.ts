import "server-only";
import { isAdmin, type Actor } from "../auth/actor";
import { recordAudit } from "../audit";
import { db } from "../db/client";
import { AppError, forbidden, notFound } from "../http/errors";
import { isUuid } from "../ids";
import { assertSupplierOrganization, createConnectionForRequest } from "../connections/create";
import { moveConnectionRequest } from "./transitions";

/**
 * Approving may name the supplier organization the connection is with, or none (null: the
 * supplier is invited by e-mail); left out, it is found by name.
 */
export type Decision = { kind: "approve"; supplierOrganizationId?: string | null } | { kind: "reject"; reason: string } | { kind: "request_changes"; message: string };

/** Deciding is for platform admins: checked before anything else is read or validated. */
export function assertCanDecide(actor: Actor) {
  if (!isAdmin(actor)) throw forbidden("Only platform admins can approve, reject or send back connection requests.");
}

/**
 * Approves, rejects, or sends a request back for changes (lib/connection-requests/transitions.ts
 * says from which states). The row is locked and moved in one transaction with its event, so of
 * two admins deciding at once exactly one wins and the other is told what happened. Approval
 * creates the connection, and every decision records an audit event, in the same transaction.
 * `versions`: the version(s) the admin read; without them, the request as it is now is decided.
 */
export async function decideConnectionRequest(actor: Actor, id: string, decision: Decision, versions?: string[]): Promise<void> {
  assertCanDecide(actor);
  if (!isUuid(id)) throw notFound();
  await db.$transaction(async (tx) => {
    if (decision.kind === "approve" && decision.supplierOrganizationId) await assertSupplierOrganization(tx, decision.supplierOrganizationId);
    const final = decision.kind !== "request_changes";
    const message = decision.kind === "reject" ? decision.reason : decision.kind === "request_changes" ? decision.message : undefined;
    const { request, fromState } = await moveConnectionRequest(tx, id, decision.kind, {
      actorId: actor.userId,
      versions,
      message,
      data: final ? { decidedAt: new Date(), decidedById: actor.userId, rejectionReason: decision.kind === "reject" ? decision.reason : null } : {},
    });
    if (decision.kind === "approve") await createConnectionForRequest(tx, request, actor.userId, decision.supplierOrganizationId);
    await recordAudit(tx, {
      actorId: actor.userId,
      subjectUserId: request.requestedById,
      organizationId: request.organizationId,
      action: `connection_request.${decision.kind}`,
      targetType: "connection_request",
      targetId: id,
      fromState,
      toState: request.status,
      details: message ? { [decision.kind === "reject" ? "reason" : "message"]: message } : undefined,
    });
  });
}

/** Decides several requests, each at the version the admin saw when known; each succeeds or fails on its own. */
export async function decideConnectionRequests(actor: Actor, ids: string[], decision: Decision, versions: ReadonlyMap<string, string> = new Map()) {
  assertCanDecide(actor);
  const results: { id: string; ok: boolean; message?: string }[] = [];
  for (const id of ids) {
    try {
      const seen = versions.get(id);
      await decideConnectionRequest(actor, id, decision, seen === undefined ? undefined : [seen]);
      results.push({ id, ok: true });
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      results.push({ id, ok: false, message: error.message });
    }
  }
  return results;
}
