import "server-only";
import type { Actor } from "../auth/actor";
import { personDto, personSelect } from "../connection-requests/dto";
import { listScope } from "../connection-requests/positions";
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
export type TimelineEntry = ReturnType<typeof timelineEntry>;

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
