import "server-only";
import type { Actor } from "../auth/actor";
import { db } from "../db/client";
import type { Tx } from "../db/connect";
import type { EventType } from "../events/catalogue";
import { recordEvent } from "../events/record";
import type { ConnectionStatus } from "../generated/prisma/enums";
import { AppError, forbidden } from "../http/errors";
import { findVisibleConnection, type ConnectionKeys, type Side } from "./access";
import { revokeOpenInvitation } from "./invitations";
import { statusName, type ConnectionDto } from "./dto";
import { readConnection } from "./queries";

type Action = "confirm" | "decline" | "deactivate";

/**
 * Which states each action leaves, who may take it, and its event. The supplier answers a new
 * connection (confirm or decline); either side (or an admin) can end one that waits or is
 * active. DEACTIVATED is final.
 */
const actions: Record<Action, { from: ConnectionStatus[]; to: ConnectionStatus; sides: Side[]; event: EventType; refusal: string }> = {
  confirm: { from: ["confirmation_waiting"], to: "active", sides: ["supplier"], event: "connection.activated", refusal: "Only the supplier's members can confirm a connection." },
  decline: { from: ["confirmation_waiting"], to: "deactivated", sides: ["supplier"], event: "connection.declined", refusal: "Only the supplier's members can decline a connection." },
  deactivate: {
    from: ["confirmation_waiting", "active"],
    to: "deactivated",
    sides: ["retailer", "supplier", "admin"],
    event: "connection.deactivated",
    refusal: "Only the connection's organizations and admins can deactivate it.",
  },
};

const conflict = (action: Action, status: ConnectionStatus) =>
  new AppError("conflict", `This connection is ${statusName[status]}; it can only be ${action === "confirm" ? "confirmed" : action === "decline" ? "declined" : "deactivated"} while ${actions[action].from.map((s) => statusName[s]).join(" or ")}.`);

/**
 * Moves the connection with a conditional update (`where status in from`), so of two people
 * answering at once exactly one wins and the other gets a 409 naming the state it is in now.
 */
async function move(tx: Tx, actor: Actor, connection: ConnectionKeys, action: Action, reason?: string) {
  const spec = actions[action];
  const now = new Date();
  const { count } = await tx.connection.updateMany({
    where: { id: connection.id, status: { in: spec.from } },
    data: {
      status: spec.to,
      ...(spec.to === "active" ? { activatedAt: now } : { deactivatedAt: now, deactivationReason: reason }),
    },
  });
  if (count === 0) {
    const current = await tx.connection.findUniqueOrThrow({ where: { id: connection.id }, select: { status: true } });
    throw conflict(action, current.status);
  }
  // An ended connection has nothing to invite a supplier to: its open link stops working.
  if (spec.to === "deactivated") await revokeOpenInvitation(tx, connection.id, now);
  await recordEvent(tx, {
    type: spec.event,
    actorId: actor.userId,
    connectionId: connection.id,
    organizationId: connection.retailerOrganizationId,
    fromState: statusName[connection.status],
    toState: statusName[spec.to],
    message: reason ?? null,
  });
}

/** Confirms, declines or deactivates a connection the actor can see (else 404); someone who may not act on it: 403. */
async function act(actor: Actor, id: string, action: Action, reason?: string): Promise<ConnectionDto> {
  return db.$transaction(async (tx) => {
    const { connection, side } = await findVisibleConnection(tx, actor, id);
    if (!actions[action].sides.includes(side)) throw forbidden(actions[action].refusal);
    await move(tx, actor, connection, action, reason);
    return readConnection(tx, connection.id);
  });
}

export const confirmConnection = (actor: Actor, id: string) => act(actor, id, "confirm");
export const declineConnection = (actor: Actor, id: string, reason: string) => act(actor, id, "decline", reason);
export const deactivateConnection = (actor: Actor, id: string, reason: string) => act(actor, id, "deactivate", reason);
