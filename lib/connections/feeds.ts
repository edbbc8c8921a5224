import "server-only";
import type { Actor } from "../auth/actor";
import { db } from "../db/client";
import { recordEvent } from "../events/record";
import type { FeedPhase } from "../generated/prisma/enums";
import { AppError, notFound } from "../http/errors";
import { isUuid } from "../ids";
import { feedPhases } from "../schemas/connections";
import { findVisibleConnection } from "./access";
import { statusName, type ConnectionDto } from "./dto";
import { readConnection } from "./queries";

/**
 * A feed goes setup → testing → live one step at a time, may step back (a fix needs retesting),
 * and may be paused from any phase and resumed into any.
 */
export function canMoveFeed(from: FeedPhase, to: FeedPhase): boolean {
  if (from === to) return false;
  if (from === "paused" || to === "paused") return true;
  return feedPhases.indexOf(to) <= feedPhases.indexOf(from) + 1;
}

/**
 * Moves one feed of an ACTIVE connection (else 409), for either organization's members and
 * admins; the feed is the request's integration `integrationId`. The update is conditional on
 * the phase read and on the connection still being active, so a concurrent change or
 * deactivation is a 409, never a lost update. The note goes with the event.
 */
export async function moveFeed(actor: Actor, id: string, integrationId: string, input: { phase: FeedPhase; note?: string }): Promise<ConnectionDto> {
  return db.$transaction(async (tx) => {
    const { connection } = await findVisibleConnection(tx, actor, id);
    if (!isUuid(integrationId)) throw notFound();
    const feed = await tx.connectionFeed.findFirst({ where: { connectionId: connection.id, integrationId }, select: { id: true, phase: true } });
    if (!feed) throw notFound();
    if (connection.status !== "active") throw new AppError("conflict", `This connection is ${statusName[connection.status]}; only an ACTIVE connection's feeds move.`);
    if (!canMoveFeed(feed.phase, input.phase)) throw new AppError("conflict", `This feed is in ${feed.phase}; it cannot move to ${input.phase}.`);
    const { count } = await tx.connectionFeed.updateMany({
      where: { id: feed.id, phase: feed.phase, connection: { status: "active" } },
      data: { phase: input.phase, phaseChangedAt: new Date(), note: input.note ?? null },
    });
    if (count === 0) throw new AppError("conflict", "This feed or its connection changed meanwhile; read it again.");
    await recordEvent(tx, {
      type: "connection.feed_phase_changed",
      actorId: actor.userId,
      connectionId: connection.id,
      organizationId: connection.retailerOrganizationId,
      feedId: feed.id,
      fromState: feed.phase,
      toState: input.phase,
      message: input.note ?? null,
    });
    return readConnection(tx, connection.id);
  });
}
