import crypto from "node:crypto";
import type { Tx } from "../db/connect";
import type { EventType } from "../events/catalogue";
import type { EventInput } from "../events/record";
import { recipientsOf, type PendingEvent } from "../events/recipients";

type PastEvent = EventInput & { id: string; createdAt: Date };

/** A past event as fan-out reads it, to find its audience with fan-out's own rules. */
const pendingEvent = (event: PastEvent): PendingEvent => ({
  id: event.id,
  type: event.type,
  organizationId: "organizationId" in event ? event.organizationId : null,
  userId: ("userId" in event ? event.userId : null) ?? null,
  actorId: event.actorId,
  connectionRequestId: ("connectionRequestId" in event ? event.connectionRequestId : null) ?? null,
  connectionId: ("connectionId" in event ? event.connectionId : null) ?? null,
  dataRequestId: ("dataRequestId" in event ? event.dataRequestId : null) ?? null,
  message: event.message ?? null,
});

/** Request events the app also writes to the audit log (lib/connection-requests/commands.ts, decisions.ts). */
const auditedAs: Partial<Record<EventType, string>> = {
  "connection_request.submitted": "connection_request.create",
  "connection_request.edited": "connection_request.update",
  "connection_request.changes_requested": "connection_request.request_changes",
  "connection_request.approved": "connection_request.approve",
  "connection_request.rejected": "connection_request.reject",
};

/**
 * The demo's past, written as the app would have written it: each change's event (and audit
 * entry) at the time it happened, and the notifications fan-out would have made, the last two
 * days' still unread. Every event is marked fanned out, so a fresh start sends no mail or
 * webhooks about things that happened "days ago".
 */
export class DemoHistory {
  private readonly events: PastEvent[] = [];

  constructor(private readonly now: Date) {}

  ago(hours: number): Date {
    return new Date(this.now.getTime() - hours * 3_600_000);
  }

  onRequest(request: { id: string; organizationId: string }) {
    return (hoursAgo: number, type: EventType, actorId: string | null, change: Pick<EventInput, "fromState" | "toState" | "message"> = {}) =>
      this.events.push({ type, actorId, connectionRequestId: request.id, organizationId: request.organizationId, ...change, id: crypto.randomUUID(), createdAt: this.ago(hoursAgo) });
  }

  onConnection(connection: { id: string; retailerOrganizationId: string }) {
    return (hoursAgo: number, type: EventType, actorId: string | null, change: Pick<EventInput, "fromState" | "toState" | "message"> & { feedId?: string } = {}) =>
      this.events.push({ type, actorId, connectionId: connection.id, organizationId: connection.retailerOrganizationId, ...change, id: crypto.randomUUID(), createdAt: this.ago(hoursAgo) });
  }

  onDataRequest(request: { id: string; userId: string }) {
    return (hoursAgo: number, type: EventType) =>
      this.events.push({ type, actorId: request.userId, dataRequestId: request.id, userId: request.userId, id: crypto.randomUUID(), createdAt: this.ago(hoursAgo) });
  }

  /** Writes it all: events in time order, so their sequence is the order they happened in. */
  async write(tx: Tx) {
    // Stable: events at the same moment (an approval and the connection it creates) keep the order they were told in.
    const events = [...this.events].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
    await tx.event.createMany({ data: events.map((event) => ({ ...event, fannedOutAt: event.createdAt })) });
    const unreadSince = this.ago(48).getTime();
    const told = await Promise.all(events.map(async (event) => ({ event, recipients: await recipientsOf(tx, pendingEvent(event)) })));
    await tx.notification.createMany({
      data: told.flatMap(({ event, recipients }) =>
        recipients.map((userId) => ({
          userId,
          eventId: event.id,
          createdAt: event.createdAt,
          readAt: event.createdAt.getTime() < unreadSince ? new Date(event.createdAt.getTime() + 3_600_000) : null,
        })),
      ),
    });
    await tx.auditEvent.createMany({
      data: events.flatMap((event) => {
        const action = auditedAs[event.type];
        if (!action || !("connectionRequestId" in event)) return [];
        return [{
          actorId: event.actorId,
          organizationId: event.organizationId,
          action,
          targetType: "connection_request",
          targetId: event.connectionRequestId,
          fromState: event.fromState ?? null,
          toState: event.toState ?? null,
          details: event.message ? { [event.type === "connection_request.rejected" ? "reason" : "message"]: event.message } : undefined,
          createdAt: event.createdAt,
        }];
      }),
    });
  }
}
