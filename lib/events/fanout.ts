import "server-only";
import type { Tx } from "../db/connect";
import { connectionRequestDto, connectionRequestInclude } from "../connection-requests/dto";
import { connectionDto, connectionInclude } from "../connections/dto";
import { dataRequestDto } from "../data-requests/dto";
import { renderEventEmail, type EventMailContext } from "../mail/templates";
import { mailMode } from "../mail/transport";
import { database } from "../db/client";
import { eventSpec } from "./catalogue";
import { connectionParties, recipientsOf, type PendingEvent } from "./recipients";

const batchSize = 100;

/**
 * Who gets an event by webhook: an organization's endpoints (and admins' platform-wide ones)
 * subscribed to a connection-request event; the endpoints of the OAuth apps a person has
 * authorized (and not revoked) for their data-request events; a connection's two organizations'
 * endpoints (and platform ones), never a third organization's. The payload is the request or
 * connection as the API returns it, as it is at fan-out time.
 */
async function queueWebhooks(tx: Tx, event: PendingEvent, now: Date) {
  // An endpoint whose maker's account is disabled is paused: nothing is queued for it meanwhile.
  const subscribed = { disabledAt: null, events: { has: event.type }, owner: { status: "active" as const } };
  /** The endpoints of these organizations, and platform ones while their owner is still an active admin. */
  const organizationEndpoints = (organizationIds: (string | null)[]) =>
    tx.webhookEndpoint.findMany({
      where: {
        ...subscribed,
        oauthClientId: null,
        OR: [{ organizationId: { in: organizationIds.filter((id): id is string => id !== null) } }, { organizationId: null, owner: { role: "admin", status: "active" } }],
      },
      select: { id: true },
    });
  let endpoints: { id: string }[] = [];
  let data: unknown;
  const family = eventSpec(event.type)?.webhooks;
  if (event.connectionRequestId && family === "organization") {
    endpoints = await organizationEndpoints([event.organizationId]);
    if (endpoints.length) data = connectionRequestDto(await tx.connectionRequest.findUniqueOrThrow({ where: { id: event.connectionRequestId }, include: connectionRequestInclude }));
  } else if (event.connectionId && family === "connection") {
    const parties = await connectionParties(tx, event.connectionId);
    endpoints = await organizationEndpoints([parties.retailerOrganizationId, parties.supplierOrganizationId]);
    if (endpoints.length) data = connectionDto(await tx.connection.findUniqueOrThrow({ where: { id: event.connectionId }, include: connectionInclude }), now);
  } else if (event.dataRequestId && event.userId && family === "app") {
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
  if (event.connectionId) {
    const connection = await tx.connection.findUniqueOrThrow({
      where: { id: event.connectionId },
      select: { supplierName: true, supplierOrganization: { select: { name: true } }, retailerOrganization: { select: { name: true } } },
    });
    return () => ({
      type: event.type,
      subject: connection.supplierOrganization?.name ?? connection.supplierName,
      organization: connection.retailerOrganization.name,
      message: event.message,
      // The connection's page serves both sides and admins alike.
      path: `/partners/${event.connectionId}`,
    });
  }
  const request = await tx.dataRequest.findUniqueOrThrow({ where: { id: event.dataRequestId! }, select: { dataTypes: true } });
  return () => ({ type: event.type, subject: request.dataTypes.join(", "), message: event.message, path: "/requests" });
}

/**
 * Fan-outs of one event that may fail before it is parked: kept, with its error, for an operator
 * (`npm run cli -- events:parked`, `events:retry`; lib/events/parked.ts). Between attempts it waits 30 s,
 * doubling, so a passing outage (a failover, a timeout under load) does not park a sound event.
 */
export const maxFanoutAttempts = 5;

/** Turns one event into its webhooks, notifications and e-mails. */
async function fanOutOne(tx: Tx, event: PendingEvent, now: Date, email: boolean) {
  await queueWebhooks(tx, event, now);
  const recipients = await recipientsOf(tx, event);
  if (recipients.length === 0) return;
  await tx.notification.createMany({ data: recipients.map((userId) => ({ userId, eventId: event.id, createdAt: now })), skipDuplicates: true });
  if (!email || !eventSpec(event.type)?.mail) return;
  const [people, context] = await Promise.all([tx.user.findMany({ where: { id: { in: recipients } }, select: { email: true, role: true } }), mailContext(tx, event)]);
  await tx.emailDelivery.createMany({
    data: people.map((person) => ({ eventId: event.id, to: person.email, nextAttemptAt: now, ...renderEventEmail(context(person.role === "admin")) })),
  });
}

export interface FanoutPass {
  fannedOut: number;
  failed: number;
  parked: number;
}

/**
 * The outbox's consumer: takes the next event not yet fanned out, oldest first, and turns it into
 * its notifications, e-mails (when mail is on) and webhooks in one transaction with marking it
 * done. One event per transaction, so one that cannot be fanned out (a poison event) fails alone:
 * it waits for its next attempt while the events after it go on, and at the limit it is parked. SKIP
 * LOCKED lets every instance's worker run this at once without two of them taking the same
 * event; a crash before the commit leaves the event for the next run, and the unique (person,
 * event) key makes that harmless. E-mails and webhooks are only queued here: lib/mail/outbox.ts
 * and lib/webhooks/deliver.ts send them.
 */
export async function fanOutEvents(now = new Date(), options: { email?: boolean; keepGoing?: () => boolean; limit?: number } = {}): Promise<FanoutPass> {
  const email = options.email ?? mailMode() !== "off";
  const keepGoing = options.keepGoing ?? (() => true);
  const limit = options.limit ?? batchSize;
  const pass: FanoutPass = { fannedOut: 0, failed: 0, parked: 0 };
  const { prisma } = database();
  while (keepGoing() && pass.fannedOut < limit) {
    let current: string | undefined;
    try {
      current = await prisma.$transaction(async (tx) => {
        const [event] = await tx.$queryRaw<PendingEvent[]>`
          SELECT id, type, "organizationId", "userId", "actorId", "connectionRequestId", "connectionId", "dataRequestId", message FROM "Event"
          WHERE "fannedOutAt" IS NULL AND "parkedAt" IS NULL AND ("fanoutRetryAt" IS NULL OR "fanoutRetryAt" <= ${now})
          ORDER BY sequence LIMIT 1 FOR UPDATE SKIP LOCKED`;
        if (!event) return undefined;
        current = event.id;
        await fanOutOne(tx, event, now, email);
        await tx.event.update({ where: { id: event.id }, data: { fannedOutAt: now } });
        return event.id;
      });
    } catch (error) {
      // Nothing was taken (the database is away): the next pass tries again, nothing is counted.
      if (!current) throw error;
      pass.failed++;
      if (await countFailedFanout(current, String((error as Error).message), now)) pass.parked++;
      continue;
    }
    if (!current) break;
    pass.fannedOut++;
  }
  return pass;
}

/** Counts a failed fan-out of an event and sets its next attempt; parks it at the limit. Whether it is parked now. */
async function countFailedFanout(eventId: string, error: string, now: Date): Promise<boolean> {
  const [row] = await database().prisma.$queryRaw<{ parked: boolean }[]>`
    UPDATE "Event" SET "fanoutAttempts" = "fanoutAttempts" + 1, "fanoutError" = ${error.slice(0, 1000)},
      "fanoutRetryAt" = ${now}::timestamptz + make_interval(secs => 30 * power(2, "fanoutAttempts")),
      "parkedAt" = CASE WHEN "fanoutAttempts" + 1 >= ${maxFanoutAttempts}::int THEN ${now}::timestamptz END
    WHERE id = ${eventId}::uuid AND "fannedOutAt" IS NULL
    RETURNING "parkedAt" IS NOT NULL AS parked`;
  return row?.parked ?? false;
}

