import "server-only";
import { isAdmin, type Actor } from "../auth/actor";
import { authSecret } from "../auth/options";
import { db } from "../db/client";
import { env, isProductionDeployment } from "../env";
import { AppError, forbidden, notFound } from "../http/errors";
import { isUuid } from "../ids";
import { consume, createsPerPerson } from "../rate-limit";
import type { CreateWebhookInput } from "../schemas/webhooks";
import { urlProblem } from "./network";
import { encryptSecret, generateWebhookSecret } from "./secrets";

const maxEndpoints = 10;

export const networkPolicy = () => ({ production: isProductionDeployment(), allowPrivate: env().WEBHOOK_ALLOW_PRIVATE_NETWORKS });

/**
 * Endpoints belong to an organization and receive its connection-request events; an admin's
 * belong to the platform (no organization) and receive every organization's. Anyone else: 403.
 */
function ownership(actor: Actor): { organizationId: string | null; oauthClientId: null } {
  if (isAdmin(actor)) return { organizationId: null, oauthClientId: null };
  if (!actor.organization) throw forbidden("Only members of an organization, and admins, have webhooks.");
  return { organizationId: actor.organization.id, oauthClientId: null };
}

const publicFields = { id: true, url: true, events: true, disabledAt: true, createdAt: true } as const;
const endpointDto = (row: { id: string; url: string; events: string[]; disabledAt: Date | null; createdAt: Date }) => ({
  id: row.id,
  url: row.url,
  events: row.events,
  enabled: row.disabledAt === null,
  created_at: row.createdAt.toISOString(),
});

/** 201 with the secret, which is shown this once: only its ciphertext is kept. */
export async function createWebhookEndpoint(actor: Actor, input: CreateWebhookInput) {
  const owned = ownership(actor);
  const problem = urlProblem(input.url, networkPolicy());
  if (problem) throw new AppError("validation", "Invalid input.", { fieldErrors: { url: [problem] } });
  if ((await db.webhookEndpoint.count({ where: owned })) >= maxEndpoints) {
    throw new AppError("validation", "Invalid input.", { fieldErrors: { url: [`At most ${maxEndpoints} endpoints; delete one first.`] } });
  }
  const secret = generateWebhookSecret();
  const row = await db.webhookEndpoint.create({
    data: { ...owned, ownerId: actor.userId, url: input.url, events: input.events, secretCiphertext: encryptSecret(secret, authSecret()) },
    select: publicFields,
  });
  return { ...endpointDto(row), secret };
}

export async function listWebhookEndpoints(actor: Actor) {
  const rows = await db.webhookEndpoint.findMany({ where: ownership(actor), orderBy: { createdAt: "asc" }, select: publicFields });
  return rows.map(endpointDto);
}

async function ownedEndpoint(actor: Actor, id: string) {
  const owned = ownership(actor);
  if (!isUuid(id)) throw notFound();
  const row = await db.webhookEndpoint.findFirst({ where: { id, ...owned }, select: { id: true } });
  if (!row) throw notFound();
  return row;
}

export async function deleteWebhookEndpoint(actor: Actor, id: string): Promise<void> {
  await ownedEndpoint(actor, id);
  await db.webhookEndpoint.delete({ where: { id } });
}

/** A new secret, effective at once (the old one stops verifying); re-enables a disabled endpoint. */
export async function rotateWebhookSecret(actor: Actor, id: string) {
  await ownedEndpoint(actor, id);
  const secret = generateWebhookSecret();
  await db.webhookEndpoint.update({ where: { id }, data: { secretCiphertext: encryptSecret(secret, authSecret()), disabledAt: null } });
  return { secret };
}

/** Queues a `webhook.test` delivery, so an integration can check its endpoint end to end. */
export async function sendTestWebhook(actor: Actor, id: string) {
  await ownedEndpoint(actor, id);
  // Each test is a day of retries at a URL of the caller's choosing: counted like any create.
  await consume(createsPerPerson, actor.userId);
  const now = new Date();
  const payload = JSON.stringify({ type: "webhook.test", timestamp: now.toISOString(), data: { message: "A test event from Crux Requests." } });
  const row = await db.webhookDelivery.create({ data: { endpointId: id, type: "webhook.test", payload, nextAttemptAt: now }, select: { id: true } });
  return { delivery_id: row.id };
}

/** The endpoint's recent deliveries, newest first: event, time, response status, attempts. */
export async function listWebhookDeliveries(actor: Actor, id: string, limit = 20) {
  await ownedEndpoint(actor, id);
  const rows = await db.webhookDelivery.findMany({
    where: { endpointId: id },
    orderBy: { createdAt: "desc" },
    take: limit,
    select: { id: true, type: true, status: true, attempts: true, responseStatus: true, lastError: true, createdAt: true, deliveredAt: true },
  });
  return rows.map((row) => ({
    id: row.id,
    type: row.type,
    status: row.status,
    attempts: row.attempts,
    response_status: row.responseStatus,
    last_error: row.lastError,
    created_at: row.createdAt.toISOString(),
    delivered_at: row.deliveredAt?.toISOString() ?? null,
  }));
}

/** What an OAuth app's endpoint receives: the data-request events of the people who authorized it. */
export const appWebhookEvents = ["data_request.completed", "data_request.failed", "data_request.expiring", "data_request.expired"];

/**
 * Sets (or, with null, removes) the webhook URL of one of the actor's OAuth apps. A new endpoint's
 * secret is returned once; changing the URL keeps the secret.
 */
export async function setOAuthAppWebhook(actor: Actor, appId: string, url: string | null): Promise<{ secret: string | null }> {
  if (!isUuid(appId)) throw notFound();
  const app = await db.oAuthClient.findFirst({ where: { id: appId, ownerId: actor.userId }, select: { id: true, webhook: { select: { id: true } } } });
  if (!app) throw notFound();
  if (url === null) {
    await db.webhookEndpoint.deleteMany({ where: { oauthClientId: app.id } });
    return { secret: null };
  }
  const problem = urlProblem(url, networkPolicy());
  if (problem) throw new AppError("validation", "Invalid input.", { fieldErrors: { url: [problem] } });
  if (app.webhook) {
    await db.webhookEndpoint.update({ where: { id: app.webhook.id }, data: { url, disabledAt: null } });
    return { secret: null };
  }
  const secret = generateWebhookSecret();
  await db.webhookEndpoint.create({
    data: { ownerId: actor.userId, organizationId: null, oauthClientId: app.id, url, events: appWebhookEvents, secretCiphertext: encryptSecret(secret, authSecret()) },
  });
  return { secret };
}
