import "server-only";
import type { Actor } from "../auth/actor";
import { personDto, personSelect } from "../connection-requests/dto";
import { listScope } from "../connection-requests/positions";
import { findVisibleConnection } from "../connections/access";
import { db } from "../db/client";
import { notFound } from "../http/errors";
import { isUuid } from "../ids";
import { shortEventName } from "./catalogue";

const timelineInclude = { actor: { select: personSelect } } as const;

type EventRow = Awaited<ReturnType<typeof db.event.findMany<{ include: typeof timelineInclude }>>>[number];

/** One entry as the history endpoint and the portal show it. */
export function timelineEntry(event: EventRow) {
  return {
    event: shortEventName(event.type),
    at: event.createdAt.toISOString(),
    actor: event.actor ? personDto(event.actor) : null,
    message: event.message,
  };
}
export type TimelineEntry = ReturnType<typeof timelineEntry> & {
  /** A connection feed's move: which feed (its integration type), from which phase to which. */
  change?: { feed: string | null; from: string; to: string };
};

/**
 * What happened to a connection request, oldest first: for members of the requesting
 * organization and admins (anyone else: 404, as for the request itself).
 */
export async function connectionRequestTimeline(actor: Actor, id: string): Promise<TimelineEntry[]> {
  const scope = listScope(actor);
  if (!scope || !isUuid(id)) throw notFound();
  if ((await db.connectionRequest.count({ where: { id, ...scope.where } })) === 0) throw notFound();
  const events = await db.event.findMany({ where: { connectionRequestId: id }, orderBy: { sequence: "asc" }, include: timelineInclude });
  return events.map(timelineEntry);
}

/**
 * What happened to a connection, oldest first, for both its organizations and admins (anyone
 * else: 404, as for the connection). A feed's move carries its phases, which the event keeps
 * apart from the note.
 */
export async function connectionTimeline(actor: Actor, connectionId: string): Promise<TimelineEntry[]> {
  const { connection } = await findVisibleConnection(db, actor, connectionId);
  const events = await db.event.findMany({
    where: { connectionId: connection.id },
    orderBy: { sequence: "asc" },
    include: { ...timelineInclude, feed: { select: { integration: { select: { type: true } } } } },
  });
  return events.map((event) => ({
    ...timelineEntry(event),
    ...(event.type === "connection.feed_phase_changed" && event.fromState && event.toState
      ? { change: { feed: event.feed?.integration.type ?? null, from: event.fromState, to: event.toState } }
      : {}),
  }));
}

/** What happened to each of a person's data requests, oldest first, keyed by request. */
export async function dataRequestTimelines(userId: string, requestIds: string[]): Promise<Map<string, TimelineEntry[]>> {
  const events = await db.event.findMany({
    where: { dataRequestId: { in: requestIds }, dataRequest: { userId } },
    orderBy: { sequence: "asc" },
    include: timelineInclude,
  });
  const timelines = new Map<string, TimelineEntry[]>(requestIds.map((id) => [id, []]));
  for (const event of events) timelines.get(event.dataRequestId!)?.push(timelineEntry(event));
  return timelines;
}
