import "server-only";
import { displayName, isAdmin, type Actor } from "../auth/actor";
import { db } from "../db/client";
import { env, isProductionDeployment } from "../env";
import { AppError, forbidden, notFound } from "../http/errors";
import { isUuid } from "../ids";
import { consume, createsPerPerson, webhookTestsPerEndpoint } from "../rate-limit";
import type { CreateWebhookInput } from "../schemas/webhooks";
import { appWebhookEvents } from "../events/catalogue";
import { urlProblem, type NetworkPolicy } from "./network";
import { enableEndpoint } from "./reenable";
import { presentedProblem } from "./send";
import { webhookSecretKeys } from "./secret-keys";
import { encryptSecret, generateWebhookSecret } from "./secrets";

const maxEndpoints = 10;

/** How long the secret before a rotation keeps signing, so receivers can switch without a gap. */
export const secretOverlapMs = 24 * 3_600_000;

/**
 * Loopback only with the flag or under the test suite (whose receivers listen there), never merely
 * because a deployment did not say it is production.
 */
export const networkPolicy = (): NetworkPolicy => ({
  production: isProductionDeployment(),
  allowPrivate: env().WEBHOOK_ALLOW_PRIVATE_NETWORKS,
  allowLoopback: (env().APP_ENV ?? env().NODE_ENV) === "test",
});

/**
 * Endpoints belong to an organization and receive its connection-request events; an admin's
 * belong to the platform (no organization) and receive every organization's. Anyone else: 403.
 */
function ownership(actor: Actor): { organizationId: string | null; oauthClientId: null } {
  if (isAdmin(actor)) return { organizationId: null, oauthClientId: null };
  if (!actor.organization) throw forbidden("Only members of an organization, and admins, have webhooks.");
  return { organizationId: actor.organization.id, oauthClientId: null };
}

const publicFields = {
  id: true,
  url: true,
  events: true,
  disabledAt: true,
  createdAt: true,
  previousSecretExpiresAt: true,
  owner: { select: { email: true, firstName: true, lastName: true, status: true } },
} as const;
interface EndpointRow {
  id: string;
  url: string;
  events: string[];
  disabledAt: Date | null;
  createdAt: Date;
  previousSecretExpiresAt: Date | null;
  owner: { email: string; firstName: string; lastName: string; status: "active" | "disabled" };
}
// Who made it is shown to the organization: its deliveries stop while that person is disabled.
const endpointDto = (row: EndpointRow, now = new Date()) => ({
  id: row.id,
  url: row.url,
  events: row.events,
  enabled: row.disabledAt === null,
  paused: row.owner.status !== "active",
  created_by: { name: displayName(row.owner), email: row.owner.email },
  previous_secret_expires_at: row.previousSecretExpiresAt && row.previousSecretExpiresAt > now ? row.previousSecretExpiresAt.toISOString() : null,
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
    data: { ...owned, ownerId: actor.userId, url: input.url, events: input.events, secretCiphertext: encryptSecret(secret, webhookSecretKeys()) },
    select: publicFields,
  });
  return { ...endpointDto(row), secret };
}

export async function listWebhookEndpoints(actor: Actor) {
  const rows = await db.webhookEndpoint.findMany({ where: ownership(actor), orderBy: { createdAt: "asc" }, select: publicFields });
  return rows.map((row) => endpointDto(row));
}

async function ownedEndpoint(actor: Actor, id: string) {
  const owned = ownership(actor);
  if (!isUuid(id)) throw notFound();
  const row = await db.webhookEndpoint.findFirst({ where: { id, ...owned }, select: { id: true, disabledAt: true } });
  if (!row) throw notFound();
  return row;
}

export async function deleteWebhookEndpoint(actor: Actor, id: string): Promise<void> {
  await ownedEndpoint(actor, id);
  await db.webhookEndpoint.delete({ where: { id } });
}

/**
 * A new secret, signing at once; the previous one keeps signing too for 24 hours (a second
 * signature in the header), so a receiver can switch without losing an event. Enables a disabled
 * endpoint, as enableWebhookEndpoint does.
 */
export async function rotateWebhookSecret(actor: Actor, id: string, now = new Date()) {
  await ownedEndpoint(actor, id);
  const secret = generateWebhookSecret();
  await db.$transaction(async (tx) => {
    // Read in the transaction and written back conditionally: two rotations at once cannot both
    // keep the same previous secret and lose the one issued in between.
    const current = await tx.webhookEndpoint.findUniqueOrThrow({ where: { id }, select: { secretCiphertext: true } });
    const { count } = await tx.webhookEndpoint.updateMany({
      where: { id, secretCiphertext: current.secretCiphertext },
      data: {
        secretCiphertext: encryptSecret(secret, webhookSecretKeys()),
        previousSecretCiphertext: current.secretCiphertext,
        previousSecretExpiresAt: new Date(now.getTime() + secretOverlapMs),
      },
    });
    if (count === 0) throw new AppError("conflict", "The secret was rotated meanwhile: try again.");
    await enableEndpoint(tx, id, now);
  });
  return { secret };
}

/** Turns a disabled endpoint back on; only the deliveries of the last 24 hours are sent again. */
export async function enableWebhookEndpoint(actor: Actor, id: string, now = new Date()) {
  await ownedEndpoint(actor, id);
  return db.$transaction((tx) => enableEndpoint(tx, id, now));
}

/** Queues a `webhook.test` delivery, so an integration can check its endpoint end to end. */
export async function sendTestWebhook(actor: Actor, id: string) {
  // A disabled endpoint sends nothing, so a test could only wait in its held backlog.
  if ((await ownedEndpoint(actor, id)).disabledAt) throw new AppError("conflict", "This endpoint is disabled: enable it first.");
  // Each test is a day of retries at a URL of the caller's choosing: counted like any create, and
  // a few per endpoint, so nobody turns the sender into a load generator for one URL.
  await consume(webhookTestsPerEndpoint, id).catch((error: unknown) => {
    if (!(error instanceof AppError && error.code === "rate_limited")) throw error;
    const minutes = Math.ceil((error.retryAfterSeconds ?? 60) / 60);
    throw new AppError("rate_limited", `At most ${webhookTestsPerEndpoint.points} test events per endpoint per hour: try again in ${minutes} min.`, {
      retryAfterSeconds: error.retryAfterSeconds,
    });
  });
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
    last_error: presentedProblem(row.lastError),
    created_at: row.createdAt.toISOString(),
    delivered_at: row.deliveredAt?.toISOString() ?? null,
  }));
}


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
    await db.$transaction(async (tx) => {
      await tx.webhookEndpoint.update({ where: { id: app.webhook!.id }, data: { url } });
      await enableEndpoint(tx, app.webhook!.id, new Date());
    });
    return { secret: null };
  }
  const secret = generateWebhookSecret();
  await db.webhookEndpoint.create({
    data: { ownerId: actor.userId, organizationId: null, oauthClientId: app.id, url, events: appWebhookEvents, secretCiphertext: encryptSecret(secret, webhookSecretKeys()) },
  });
  return { secret };
}
