import crypto from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { Webhook } from "standardwebhooks";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { POST as enableRoute } from "@/app/api/webhooks/[id]/enable/route";
import { POST as testRoute } from "@/app/api/webhooks/[id]/test/route";
import { GET as listRoute, POST as createRoute } from "@/app/api/webhooks/route";
import type { Actor } from "@/lib/auth/actor";
import { actorForApiToken } from "@/lib/auth/api-tokens";
import { db } from "@/lib/db/client";
import { parseEnv } from "@/lib/env";
import { outboxBackoffMs } from "@/lib/outbox/outbox";
import { sendDueWebhooks } from "@/lib/webhooks/deliver";
import { listWebhookDeliveries, rotateWebhookSecret } from "@/lib/webhooks/endpoints";
import type { NetworkPolicy } from "@/lib/webhooks/network";
import { reencryptWebhookSecrets } from "@/lib/webhooks/secret-keys";
import { decryptSecret, encryptSecret, generateWebhookSecret } from "@/lib/webhooks/secrets";
import { sendWebhook, type OutgoingWebhook } from "@/lib/webhooks/send";
import { changeAccount } from "@/lib/users/accounts";
import { jsonHeaders, person, unique, type Person } from "@/tests/support/fixtures";
import { callRoute } from "@/tests/support/route";
import { form } from "@/tests/support/forms";

const session = vi.hoisted(() => ({ actor: null as Actor | null }));
vi.mock("@/lib/auth/session", () => ({ getActor: async () => session.actor }));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));
const { enableWebhookAction, rotateWebhookSecretAction, sendTestWebhookAction } = await import("@/lib/webhooks/actions");

const underTests: NetworkPolicy = { production: false, allowPrivate: false, allowLoopback: true };
const production: NetworkPolicy = { production: true, allowPrivate: false };
const authSecret = "test-secret-that-is-long-enough-for-next-auth"; // vitest.config.ts
const legacyKeys = { authSecret };
const hour = 3_600_000;

const servers: http.Server[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
});
beforeEach(() => {
  session.actor = null;
});

/** A loopback receiver that keeps each request's headers and body, answering `status` (or never). */
async function capture(status: number | null = 204) {
  const hits: { headers: Record<string, string>; body: string }[] = [];
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      hits.push({ headers: request.headers as Record<string, string>, body: Buffer.concat(chunks).toString("utf8") });
      if (status !== null) response.writeHead(status, status >= 300 && status < 400 ? { location: "http://127.0.0.1:9/" } : {}).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  servers.push(server);
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`, hits };
}

const verifies = (secret: string, hit: { headers: Record<string, string>; body: string }) => {
  try {
    new Webhook(secret).verify(hit.body, hit.headers);
    return true;
  } catch {
    return false;
  }
};

const outgoing = (url: string, secretCiphertext: string, extra: Partial<OutgoingWebhook> = {}): OutgoingWebhook => ({
  id: crypto.randomUUID(),
  url,
  payload: JSON.stringify({ type: "webhook.test", timestamp: new Date().toISOString(), data: {} }),
  secretCiphertext,
  ...extra,
});

async function register(who: Person, url: string) {
  const response = await callRoute(createRoute, "/api/webhooks", { method: "POST", headers: jsonHeaders(who.auth), body: JSON.stringify({ url, events: ["connection_request.submitted"] }) });
  expect(response.status).toBe(201);
  return (await response.json()) as { id: string; secret: string };
}


describe("webhook attempts tell members the outcome, never the network", () => {
  it("say what happened in fixed words", async () => {
    const sealed = encryptSecret(generateWebhookSecret(), legacyKeys);
    for (const [status, problem] of [
      [500, "Answered 500."],
      [302, "Redirected (302); redirects are not followed."],
    ] as const) {
      const target = await capture(status);
      expect(await sendWebhook(outgoing(target.url, sealed), underTests, legacyKeys)).toEqual({ status, problem });
    }
    // A closed port: not "connect ECONNREFUSED 127.0.0.1:…".
    const closed = await capture();
    servers.pop()!.close();
    expect(await sendWebhook(outgoing(closed.url, sealed), underTests, legacyKeys)).toEqual({ status: null, problem: "Could not connect." });
    // Addresses the policy refuses, named or written out: not "Refused to connect to 10.0.0.1".
    for (const url of ["https://10.0.0.1/x", "https://[::ffff:169.254.169.254]/x", "https://localhost:1/x"]) {
      expect(await sendWebhook(outgoing(url, sealed), production, legacyKeys), url).toEqual({ status: null, problem: "Target not allowed." });
    }
    // A secret that no longer opens.
    expect(await sendWebhook(outgoing(closed.url, encryptSecret("whsec_x", { authSecret: "another-secret-that-is-long-enough" })), underTests, legacyKeys)).toEqual({
      status: null,
      problem: "Could not sign: rotate the endpoint's secret.",
    });
  });

  it("say a silent receiver gave no answer within 10 s", async () => {
    const silent = await capture(null);
    const attempt = await sendWebhook(outgoing(silent.url, encryptSecret(generateWebhookSecret(), legacyKeys)), underTests, legacyKeys);
    expect(attempt).toEqual({ status: null, problem: "No answer within 10 s." });
  });

  it("list a refused target's deliveries without its resolved address", async () => {
    const owner = await person();
    const target = await capture();
    const endpoint = await register(owner, target.url.replace("127.0.0.1", "localhost"));
    await callRoute(testRoute, "/x", { method: "POST", headers: owner.auth }, { id: endpoint.id });
    await sendDueWebhooks(new Date(), { production: false, allowPrivate: false }); // loopback without the tests' allowance
    expect(target.hits).toHaveLength(0);
    const [delivery] = await listWebhookDeliveries((await actorForApiToken(owner.token))!, endpoint.id);
    expect(delivery).toMatchObject({ status: "pending", last_error: "Target not allowed." });
  });

  it("list what was stored before in the same fixed words", async () => {
    const owner = await person();
    const { id } = await register(owner, (await capture()).url);
    for (const lastError of ["connect ECONNREFUSED 10.1.2.3:443", "Refused to connect to 169.254.169.254: not a public address.", "Answered 502."]) {
      await db.webhookDelivery.create({ data: { endpointId: id, type: "webhook.test", payload: "{}", lastError } });
    }
    const listed = await listWebhookDeliveries((await actorForApiToken(owner.token))!, id);
    expect(listed.map((delivery) => delivery.last_error).sort()).toEqual(["Answered 502.", "Could not connect.", "Target not allowed."]);
  });

  it("check the URL again at send time: http saved outside production is refused in production", async () => {
    const target = await capture();
    const loopbackButProduction: NetworkPolicy = { production: true, allowPrivate: false, allowLoopback: true };
    const attempt = await sendWebhook(outgoing(target.url, encryptSecret(generateWebhookSecret(), legacyKeys)), loopbackButProduction, legacyKeys);
    expect(attempt).toEqual({ status: null, problem: "Target not allowed." });
    expect(target.hits).toHaveLength(0);
  });
});

describe("webhook secrets under WEBHOOK_SECRET_KEY", () => {
  const dedicated = { authSecret, webhookSecretKey: "a-dedicated-webhook-key-of-32-chars-or-more" };

  it("is optional and at least 32 characters", () => {
    expect(parseEnv({ NODE_ENV: "test" }).WEBHOOK_SECRET_KEY).toBeUndefined();
    expect(() => parseEnv({ NODE_ENV: "test", WEBHOOK_SECRET_KEY: "short" })).toThrow(/WEBHOOK_SECRET_KEY must be at least 32 characters/);
    expect(parseEnv({ NODE_ENV: "test", WEBHOOK_SECRET_KEY: dedicated.webhookSecretKey }).WEBHOOK_SECRET_KEY).toBe(dedicated.webhookSecretKey);
  });

  it("seals new secrets under its own key, and opens older ones with the AUTH_SECRET-derived key meanwhile", () => {
    const secret = generateWebhookSecret();
    const sealed = encryptSecret(secret, dedicated);
    expect(sealed).toMatch(/^k2\./);
    expect(decryptSecret(sealed, { ...dedicated, authSecret: "a-rotated-auth-secret-long-enough-too" })).toBe(secret);
    expect(() => decryptSecret(sealed, legacyKeys)).toThrow();
    expect(decryptSecret(encryptSecret(secret, legacyKeys), dedicated)).toBe(secret);
  });

  it("re-encrypts stored secrets once, so AUTH_SECRET can then be rotated without breaking an endpoint", async () => {
    const owner = await person();
    const target = await capture();
    const { id, secret } = await register(owner, target.url);
    await rotateWebhookSecret((await actorForApiToken(owner.token))!, id); // a previous secret to move too
    const broken = await db.webhookEndpoint.create({
      data: { ownerId: owner.id, organizationId: owner.organizationId, url: target.url, events: ["connection_request.submitted"], secretCiphertext: encryptSecret("whsec_x", { authSecret: "an-older-auth-secret-long-enough-here" }) },
    });

    const result = await reencryptWebhookSecrets(dedicated);
    expect(result.unreadable).toBeGreaterThanOrEqual(1);
    const row = await db.webhookEndpoint.findUniqueOrThrow({ where: { id } });
    expect(row.secretCiphertext).toMatch(/^k2\./);
    expect(row.previousSecretCiphertext).toMatch(/^k2\./);
    expect(decryptSecret(row.previousSecretCiphertext!, dedicated)).toBe(secret);
    expect((await db.webhookEndpoint.findUniqueOrThrow({ where: { id: broken.id } })).secretCiphertext).toBe(broken.secretCiphertext); // left for a rotation
    expect((await reencryptWebhookSecrets(dedicated)).reencrypted).toBe(0); // once

    // AUTH_SECRET rotated: the endpoint still signs with the secret its receiver holds.
    const rotatedAuth = { ...dedicated, authSecret: "a-rotated-auth-secret-long-enough-too" };
    const attempt = await sendWebhook(outgoing(target.url, row.secretCiphertext, { previousSecretCiphertext: row.previousSecretCiphertext, previousSecretExpiresAt: row.previousSecretExpiresAt }), underTests, rotatedAuth);
    expect(attempt).toEqual({ status: 204, problem: null });
    expect(verifies(secret, target.hits[0]!)).toBe(true);
  });

  it("does nothing without the key", async () => {
    expect(await reencryptWebhookSecrets(legacyKeys)).toEqual({ reencrypted: 0, unreadable: 0 });
  });
});

describe("a rotated webhook secret", () => {
  it("keeps verifying for 24 hours beside the new one, then only the new one does", async () => {
    const owner = await person();
    const actor = (await actorForApiToken(owner.token))!;
    const target = await capture();
    const { id, secret: old } = await register(owner, target.url);
    const send = async () => {
      const row = await db.webhookEndpoint.findUniqueOrThrow({ where: { id } });
      await sendWebhook(outgoing(row.url, row.secretCiphertext, { previousSecretCiphertext: row.previousSecretCiphertext, previousSecretExpiresAt: row.previousSecretExpiresAt }), underTests, legacyKeys);
      return target.hits.at(-1)!;
    };

    const { secret: fresh } = await rotateWebhookSecret(actor, id);
    const during = await send();
    expect(during.headers["webhook-signature"]).toMatch(/^v1,\S+ v1,\S+$/);
    expect([verifies(fresh, during), verifies(old, during)]).toEqual([true, true]);
    const listed = (await (await callRoute(listRoute, "/api/webhooks", { headers: owner.auth })).json()).webhooks[0];
    expect(Date.parse(listed.previous_secret_expires_at) - Date.now()).toBeGreaterThan(23.9 * hour);

    // Rotated 25 hours ago: the overlap is over.
    const { secret: newest } = await rotateWebhookSecret(actor, id, new Date(Date.now() - 25 * hour));
    const after = await send();
    expect(after.headers["webhook-signature"]).toMatch(/^v1,\S+$/);
    expect([verifies(newest, after), verifies(fresh, after), verifies(old, after)]).toEqual([true, false, false]);
  });

  it("is announced as overlapping for 24 hours", async () => {
    const owner = await person();
    const { id } = await register(owner, (await capture()).url);
    session.actor = await actorForApiToken(owner.token);
    const answer = await rotateWebhookSecretAction(null, form({ id }));
    expect(answer).toMatchObject({ ok: true, message: "New secret issued. The old one keeps verifying for 24 hours: deliveries carry both signatures until then." });
  });
});

describe("test events", () => {
  it("are limited to 5 per endpoint per hour: a 429 on the API, a sentence in the settings", async () => {
    const owner = await person();
    const [first, second] = [await register(owner, (await capture()).url), await register(owner, (await capture()).url)];
    for (let i = 0; i < 5; i++) expect((await callRoute(testRoute, "/x", { method: "POST", headers: owner.auth }, { id: first.id })).status).toBe(202);
    const refused = await callRoute(testRoute, "/x", { method: "POST", headers: owner.auth }, { id: first.id });
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(3500);
    expect(JSON.stringify(await refused.json())).toContain("At most 5 test events per endpoint per hour: try again in 60 min.");
    expect(await db.webhookDelivery.count({ where: { endpointId: first.id } })).toBe(5);

    session.actor = await actorForApiToken(owner.token);
    expect(await sendTestWebhookAction(null, form({ id: first.id }))).toEqual({ ok: false, message: "At most 5 test events per endpoint per hour: try again in 60 min.", fieldErrors: {} });
    expect(await sendTestWebhookAction(null, form({ id: second.id }))).toEqual({ ok: true, message: "Test event queued." }); // another endpoint's own count
  });
});

describe("an endpoint's creator", () => {
  it("is shown to the organization; disabling the creator deletes their endpoints, and one whose creator is disabled otherwise is marked paused", async () => {
    const organizationName = `Org ${unique()}`;
    const [maker, colleague] = [await person({ organizationName }), await person({ organizationName })];
    const { id } = await register(maker, (await capture()).url);
    const listed = async () => (await (await callRoute(listRoute, "/api/webhooks", { headers: colleague.auth })).json()).webhooks;
    const { firstName, lastName } = await db.user.findUniqueOrThrow({ where: { id: maker.id } });
    expect(await listed()).toMatchObject([{ id, paused: false, enabled: true, created_by: { name: `${firstName} ${lastName}`, email: maker.email } }]);
    // A disabled account by any other path than changeAccount (which revokes everything) still pauses.
    await db.user.update({ where: { id: maker.id }, data: { status: "disabled" } });
    expect(await listed()).toMatchObject([{ id, paused: true, created_by: { email: maker.email } }]);
    await db.user.update({ where: { id: maker.id }, data: { status: "active" } });
    await changeAccount(db, maker.email, { status: "disabled" });
    expect(await listed()).toEqual([]);
  });
});

describe("enabling a disabled endpoint", () => {
  it("sends again only what failed within the last 24 hours", async () => {
    const owner = await person();
    const { id } = await register(owner, (await capture()).url);
    const now = new Date();
    // As the outbox leaves a delivery that failed for good: nextAttemptAt is the failure plus its backoff.
    const failed = (failedAgoMs: number, attempts = 30) => ({
      endpointId: id,
      type: "webhook.test",
      payload: "{}",
      status: "failed" as const,
      attempts,
      lastError: "Answered 503.",
      createdAt: new Date(now.getTime() - failedAgoMs - 24 * hour),
      nextAttemptAt: new Date(now.getTime() - failedAgoMs + outboxBackoffMs(attempts)),
    });
    const recent = await db.webhookDelivery.create({ data: failed(2 * hour) });
    const justInside = await db.webhookDelivery.create({ data: failed(23.5 * hour) });
    const old = await db.webhookDelivery.create({ data: failed(24.5 * hour) });
    const heldRecent = await db.webhookDelivery.create({ data: { endpointId: id, type: "webhook.test", payload: "{}", status: "held", attempts: 4, createdAt: new Date(now.getTime() - hour) } });
    const heldOld = await db.webhookDelivery.create({ data: { endpointId: id, type: "webhook.test", payload: "{}", status: "held", attempts: 30, createdAt: new Date(now.getTime() - 30 * hour) } });

    // Enabled already: nothing moves.
    expect(await (await callRoute(enableRoute, "/x", { method: "POST", headers: owner.auth }, { id })).json()).toEqual({ requeued: 0 });
    await db.webhookEndpoint.update({ where: { id }, data: { disabledAt: new Date(now.getTime() - hour), failingSince: new Date(now.getTime() - 25 * hour) } });

    const enabled = await callRoute(enableRoute, "/x", { method: "POST", headers: owner.auth }, { id });
    expect(await enabled.json()).toEqual({ requeued: 3 });
    const endpoint = await db.webhookEndpoint.findUniqueOrThrow({ where: { id } });
    expect(endpoint).toMatchObject({ disabledAt: null, failingSince: null });
    const state = async (row: { id: string }) => db.webhookDelivery.findUniqueOrThrow({ where: { id: row.id }, select: { status: true, attempts: true, nextAttemptAt: true } });
    for (const row of [recent, justInside, heldRecent]) {
      const after = await state(row);
      expect(after).toMatchObject({ status: "pending", attempts: 0 });
      expect(after.nextAttemptAt.getTime()).toBeGreaterThanOrEqual(now.getTime());
      expect(after.nextAttemptAt.getTime()).toBeLessThanOrEqual(Date.now());
    }
    expect(await state(old)).toMatchObject({ status: "failed", attempts: 30 });
    expect(await state(heldOld)).toMatchObject({ status: "failed", attempts: 30 });

    // Another member's or organization's endpoint: 404, nothing changes.
    const stranger = await person();
    expect((await callRoute(enableRoute, "/x", { method: "POST", headers: stranger.auth }, { id })).status).toBe(404);
  });

  it("is a button of its own in the settings", async () => {
    const owner = await person();
    const { id } = await register(owner, (await capture()).url);
    await db.webhookEndpoint.update({ where: { id }, data: { disabledAt: new Date() } });
    session.actor = await actorForApiToken(owner.token);
    expect(await enableWebhookAction(null, form({ id }))).toEqual({ ok: true, message: "Enabled; 0 deliveries of the last 24 hours queued again." });
    expect((await db.webhookEndpoint.findUniqueOrThrow({ where: { id } })).disabledAt).toBeNull();
  });
});
