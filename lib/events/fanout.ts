import "server-only";
import { db } from "../db/client";
import type { Tx } from "../db/connect";
import { connectionRequestDto, connectionRequestInclude } from "../connection-requests/dto";
import { dataRequestDto } from "../data-requests/dto";
import { renderEventEmail, type EventMailContext } from "../mail/templates";
import { mailMode } from "../mail/transport";
import { webhookEventTypes } from "../schemas/webhooks";
import { appWebhookEvents } from "../webhooks/endpoints";

const batchSize = 100;

interface PendingEvent {
  id: string;
  type: string;
  organizationId: string | null;
  userId: string | null;
  actorId: string | null;
  connectionRequestId: string | null;
  dataRequestId: string | null;
  message: string | null;
}

/**
 * Who hears of an event: decisions and change requests go to the requester and the members of
 * the requesting organization, submissions and resubmissions to the platform admins, data-request
 * events to their person. Nobody is told of what they did themselves.
 */
async function recipientsOf(tx: Tx, event: PendingEvent): Promise<string[]> {
  const ids = new Set<string>();
  const add = (rows: { id: string }[]) => rows.forEach((row) => ids.add(row.id));
  switch (event.type) {
    case "connection_request.submitted":
    case "connection_request.resubmitted":
      add(await tx.user.findMany({ where: { role: "admin", status: "active" }, select: { id: true } }));
      break;
    case "connection_request.changes_requested":
    case "connection_request.approved":
    case "connection_request.rejected": {
      add(await tx.user.findMany({ where: { organizationId: event.organizationId!, status: "active" }, select: { id: true } }));
      const request = await tx.connectionRequest.findUnique({ where: { id: event.connectionRequestId! }, select: { requestedBy: { select: { id: true, status: true } } } });
      if (request?.requestedBy?.status === "active") ids.add(request.requestedBy.id);
      break;
    }
    case "data_request.completed":
    case "data_request.failed":
    case "data_request.expiring":
    case "data_request.expired":
      if (event.userId) ids.add(event.userId);
      break;
  }
  if (event.actorId) ids.delete(event.actorId);
  return [...ids];
}

/**
 * Who gets an event by webhook: an organization's endpoints (and admins' platform-wide ones)
 * subscribed to a connection-request event; the endpoints of the OAuth apps a person has
 * authorized (and not revoked) for their data-request events. The payload is the request as the
 * API returns it, as it is at fan-out time.
 */
async function queueWebhooks(tx: Tx, event: PendingEvent, now: Date) {
  const subscribed = { disabledAt: null, events: { has: event.type } };
  let endpoints: { id: string }[] = [];
  let data: unknown;
  if (event.connectionRequestId && (webhookEventTypes as readonly string[]).includes(event.type)) {
    endpoints = await tx.webhookEndpoint.findMany({
      // A platform endpoint counts only while its owner is still an active admin.
      where: { ...subscribed, oauthClientId: null, OR: [{ organizationId: event.organizationId }, { organizationId: null, owner: { role: "admin", status: "active" } }] },
      select: { id: true },
    });
    if (endpoints.length) data = connectionRequestDto(await tx.connectionRequest.findUniqueOrThrow({ where: { id: event.connectionRequestId }, include: connectionRequestInclude }));
  } else if (event.dataRequestId && event.userId && appWebhookEvents.includes(event.type)) {
    endpoints = await tx.webhookEndpoint.findMany({
      where: { ...subscribed, oauthClient: { grants: { some: { userId: event.userId, revokedAt: null } } } },
      select: { id: true },
    });
    if (endpoints.length) data = dataRequestDto(await tx.dataRequest.findUniqueOrThrow({ where: { id: event.dataRequestId } }));
  }
  if (endpoints.length === 0) return;
  const payload = JSON.stringify({ type: event.type, timestamp: now.toISOString(), data });
  await tx.webhookDelivery.createMany({ data: endpoints.map((endpoint) => ({ endpointId: endpoint.id, eventId: event.id, type: event.type, payload, nextAttemptAt: now })) });
}

/** What an e-mail about the event names: the supplier or the data types, and where to look. */
async function mailContext(tx: Tx, event: PendingEvent): Promise<(forAdmin: boolean) => EventMailContext> {
  if (event.connectionRequestId) {
    const request = await tx.connectionRequest.findUniqueOrThrow({
      where: { id: event.connectionRequestId },
      select: { supplierName: true, organization: { select: { name: true } } },
    });
    return (forAdmin) => ({
      type: event.type,
      subject: request.supplierName,
      organization: request.organization.name,
      message: event.message,
      path: forAdmin ? `/admin/approvals/${event.connectionRequestId}` : `/connections/${event.connectionRequestId}`,
    });
  }
  const request = await tx.dataRequest.findUniqueOrThrow({ where: { id: event.dataRequestId! }, select: { dataTypes: true } });
  return () => ({ type: event.type, subject: request.dataTypes.join(", "), message: event.message, path: "/requests" });
}

/**
 * The outbox's consumer: takes events not yet fanned out, oldest first, and turns each into its
 * notifications and e-mails (when mail is on), in one transaction with marking it done. SKIP
 * LOCKED lets every instance's worker run this at once without two of them taking the same
 * event; a crash before the commit leaves the event for the next run, and the unique (person,
 * event) key makes that harmless. E-mails and webhooks are only queued here: lib/mail/outbox.ts
 * and lib/webhooks/deliver.ts send them.
 */
export async function fanOutEvents(now = new Date(), options: { email?: boolean } = {}): Promise<number> {
  const email = options.email ?? mailMode() !== "off";
  return db.$transaction(async (tx) => {
    const events = await tx.$queryRaw<PendingEvent[]>`
      SELECT id, type, "organizationId", "userId", "actorId", "connectionRequestId", "dataRequestId", message FROM "Event"
      WHERE "fannedOutAt" IS NULL ORDER BY sequence LIMIT ${batchSize} FOR UPDATE SKIP LOCKED`;
    for (const event of events) {
      await queueWebhooks(tx, event, now);
      const recipients = await recipientsOf(tx, event);
      if (recipients.length === 0) continue;
      await tx.notification.createMany({ data: recipients.map((userId) => ({ userId, eventId: event.id, createdAt: now })), skipDuplicates: true });
      if (!email) continue;
      const [people, context] = await Promise.all([
        tx.user.findMany({ where: { id: { in: recipients } }, select: { email: true, role: true } }),
        mailContext(tx, event),
      ]);
      await tx.emailDelivery.createMany({
        data: people.map((person) => ({ eventId: event.id, to: person.email, nextAttemptAt: now, ...renderEventEmail(context(person.role === "admin")) })),
      });
    }
    if (events.length) await tx.event.updateMany({ where: { id: { in: events.map((event) => event.id) } }, data: { fannedOutAt: now } });
    return events.length;
  });
}
