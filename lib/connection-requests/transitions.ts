import type { Tx } from "../db/connect";
import { recordEvent } from "../events/record";
import type { EventType } from "../events/catalogue";
import type { ConnectionRequestStatus, Prisma } from "../generated/prisma/client";
import { AppError, notFound } from "../http/errors";
import { openStatuses } from "../schemas/connection-requests";
import { versionOf } from "./dto";

/**
 * The life of a connection request. Approved and rejected are final; an admin may send a pending
 * request back for changes, and its organization resubmits it after editing.
 *
 *   pending ──approve──▶ approved
 *   pending ──reject──▶ rejected ◀──reject── changes_requested
 *   pending ──request changes──▶ changes_requested ──resubmit──▶ pending
 */
export const transitions = {
  approve: { from: ["pending"], to: "approved", event: "connection_request.approved" },
  reject: { from: ["pending", "changes_requested"], to: "rejected", event: "connection_request.rejected" },
  request_changes: { from: ["pending"], to: "changes_requested", event: "connection_request.changes_requested" },
  resubmit: { from: ["changes_requested"], to: "pending", event: "connection_request.resubmitted" },
} as const satisfies Record<string, { from: ConnectionRequestStatus[]; to: ConnectionRequestStatus; event: EventType }>;
export type Transition = keyof typeof transitions;

/** Editing is for the requester, while nobody has decided. */
export const editableStatuses: ConnectionRequestStatus[] = [...openStatuses];

const refusal: Record<ConnectionRequestStatus, (transition: Transition) => string> = {
  approved: () => "This request was already approved.",
  rejected: () => "This request was already rejected.",
  pending: (transition) => (transition === "resubmit" ? "This request is pending already: only a request sent back for changes can be resubmitted." : "This request is pending."),
  changes_requested: (transition) =>
    transition === "approve"
      ? "This request is waiting for changes from its requester: it can be approved once resubmitted."
      : "Changes were already requested for this request.",
};

const again: Record<Transition, string> = { approve: "approve", reject: "reject", request_changes: "request changes", resubmit: "resubmit" };

/** A decision made on a version of the request that is no longer the current one (409). */
export const staleVersion = (transition: Transition) =>
  new AppError("conflict", `This request changed since you opened it; review the changes and ${again[transition]} again.`);

/**
 * Moves one request through a transition, race-free: the row is locked, its state checked and
 * changed, and the event recorded, all in the caller's transaction. Of two people acting at once,
 * the second sees the first one's result and is refused with 422. `scope` limits the rows the
 * actor may touch: anything outside it is 404, as if it did not exist. With `versions` (what the
 * actor read, lib/connection-requests/dto.ts versionOf), a request edited since is refused with
 * 409 and left as it is: nobody approves content they have not seen.
 */
export async function moveConnectionRequest(
  tx: Tx,
  id: string,
  transition: Transition,
  change: {
    actorId: string;
    scope?: { organizationId: string };
    message?: string;
    data?: Prisma.ConnectionRequestUncheckedUpdateInput;
    versions?: string[];
  },
) {
  const { from, to, event } = transitions[transition];
  const [row] = await tx.$queryRaw<{ status: ConnectionRequestStatus; organizationId: string; updatedAt: Date }[]>`
    SELECT status, "organizationId", "updatedAt" FROM "ConnectionRequest" WHERE id = ${id}::uuid FOR UPDATE`;
  if (!row || (change.scope && row.organizationId !== change.scope.organizationId)) throw notFound();
  // The state first: "already approved" says more than "changed since you opened it".
  if (!(from as readonly ConnectionRequestStatus[]).includes(row.status)) throw new AppError("unprocessable", refusal[row.status](transition));
  if (change.versions && !change.versions.includes(String(versionOf(row)))) throw staleVersion(transition);
  const request = await tx.connectionRequest.update({ where: { id }, data: { ...change.data, status: to } });
  await recordEvent(tx, {
    type: event,
    connectionRequestId: id,
    organizationId: row.organizationId,
    actorId: change.actorId,
    fromState: row.status,
    toState: to,
    message: change.message ?? null,
  });
  return { request, fromState: row.status };
}
