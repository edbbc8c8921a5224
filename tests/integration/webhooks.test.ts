import { afterEach, describe, expect, it } from "vitest";
import { DELETE as deleteRoute } from "@/app/api/webhooks/[id]/route";
import { POST as rotateRoute } from "@/app/api/webhooks/[id]/rotate-secret/route";
import { GET as listRoute, POST as createRoute } from "@/app/api/webhooks/route";
import { actorForApiToken } from "@/lib/auth/api-tokens";
import { submitConnectionRequest } from "@/lib/connection-requests/commands";
import { decideConnectionRequest } from "@/lib/connection-requests/decisions";
import { db } from "@/lib/db/client";
import { fanOutEvents } from "@/lib/events/fanout";
import { createConnectionRequestSchema } from "@/lib/schemas/connection-requests";
import { jsonHeaders, person, unique, validRequest, type Person } from "@/tests/support/fixtures";
import { callRoute } from "@/tests/support/route";
import { startWebhookReceiver } from "@/tests/support/webhook-receiver";
import { createDataRequest } from "@/lib/data-requests/requests";
import { drainQueue } from "@/lib/data-requests/worker";
import { revokeAuthorizedApp } from "@/lib/oauth/tokens";
import { sessionCookie } from "@/tests/support/fixtures";
import { authorize, registerApp } from "@/tests/support/oauth-harness";
import { outboxGiveUpAfterMs as deliveryGiveUpAfterMs } from "@/lib/outbox/outbox";
import { sendDueWebhooks } from "@/lib/webhooks/deliver";
import { changeAccount } from "@/lib/users/accounts";
import { setOAuthAppWebhook } from "@/lib/webhooks/endpoints";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { isForbiddenAddress, mayConnect } from "@/lib/webhooks/network";

// The receivers here listen on loopback, which only the test suite (or the flag) may reach.
const development = { production: false, allowPrivate: false, allowLoopback: true };
const production = { production: true, allowPrivate: false };
const actorOf = async (who: Person) => (await actorForApiToken(who.token))!;
const receivers: { close: () => Promise<void> }[] = [];
afterEach(async () => {
  while (receivers.length) await receivers.pop()!.close();
});

async function register(who: Person, url: string, events = ["connection_request.submitted", "connection_request.changes_requested"]) {
  const response = await callRoute(createRoute, "/api/webhooks", { method: "POST", headers: jsonHeaders(who.auth), body: JSON.stringify({ url, events }) });
  return { status: response.status, body: await response.json() };
}

async function receiver(answer?: (count: number) => number) {
  let secret = "";
  const started = await startWebhookReceiver(() => secret, answer);
  receivers.push(started);
  return { ...started, setSecret: (value: string) => (secret = value) };
}

async function submit(retailer: Person) {
  const input = createConnectionRequestSchema.parse({ ...validRequest, organization_name: `Supplier ${unique()}` });
  const { body } = await submitConnectionRequest(await actorOf(retailer), input);
  return (body as { request_uuid: string }).request_uuid;
}
const fanOut = async () => {
  while ((await fanOutEvents(new Date(), { email: false })).fannedOut > 0);
};

describe("webhook endpoints", () => {
  it("receive their organization's events, signed per Standard Webhooks, with the request as the API returns it", async () => {
    const [retailer, admin] = [await person(), await person({ admin: true })];
    const hook = await receiver();
    const created = await register(retailer, hook.url);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ url: hook.url, events: ["connection_request.submitted", "connection_request.changes_requested"], enabled: true });
    expect(created.body.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    hook.setSecret(created.body.secret);
    // The secret is shown once: never listed, and not stored in the clear.
    const listed = await (await callRoute(listRoute, "/api/webhooks", { headers: retailer.auth })).json();
    expect(JSON.stringify(listed)).not.toContain(created.body.secret);
    expect((await db.webhookEndpoint.findUniqueOrThrow({ where: { id: created.body.id } })).secretCiphertext).not.toContain(created.body.secret.slice(6, 20));

    const id = await submit(retailer);
    await decideConnectionRequest(await actorOf(admin), id, { kind: "request_changes", message: "Add a feed." });
    await fanOut();
    await sendDueWebhooks(new Date(), development);

    expect(hook.received.map((hit) => [hit.body.type, hit.verified])).toEqual([
      ["connection_request.submitted", true],
      ["connection_request.changes_requested", true],
    ]);
    expect(hook.received[1]!.body.data).toMatchObject({ record_uuid: id, status: "changes_requested", is_approved: false });
    expect(new Set(hook.received.map((hit) => hit.id)).size).toBe(2);
  });

  it("of one organization never get another's events; an admin's get every organization's", async () => {
    const [mine, theirs, admin] = [await person(), await person(), await person({ admin: true })];
    const [myHook, adminHook] = [await receiver(), await receiver()];
    myHook.setSecret((await register(mine, myHook.url)).body.secret);
    adminHook.setSecret((await register(admin, adminHook.url, ["connection_request.submitted"])).body.secret);
    const [myRequest, theirRequest] = [await submit(mine), await submit(theirs)];
    await fanOut();
    await sendDueWebhooks(new Date(), development);
    expect(myHook.received.map((hit) => hit.body.data.record_uuid)).toEqual([myRequest]);
    expect(adminHook.received.map((hit) => hit.body.data.record_uuid).sort()).toEqual([myRequest, theirRequest].sort());
    // An admin no longer: their platform endpoint stops receiving.
    await changeAccount(db, admin.email, { role: "member" });
    await submit(theirs);
    await fanOut();
    await sendDueWebhooks(new Date(), development);
    expect(adminHook.received).toHaveLength(2);
  });

  it("retry a failing delivery with backoff and follow no redirect; the endpoint is disabled and its owner e-mailed after a day", async () => {
    const retailer = await person();
    const flaky = await receiver((count) => (count === 1 ? 500 : count === 2 ? 302 : 200));
    flaky.setSecret((await register(retailer, flaky.url, ["connection_request.submitted"])).body.secret);
    await submit(retailer);
    await fanOut();
    let now = new Date();
    for (const expected of [{ status: "pending", responseStatus: 500 }, { status: "pending", responseStatus: 302 }, { status: "sent", responseStatus: 200 }]) {
      await sendDueWebhooks(now, development);
      const delivery = await db.webhookDelivery.findFirstOrThrow({ where: { endpoint: { ownerId: retailer.id } } });
      expect(delivery).toMatchObject(expected);
      expect(await sendDueWebhooks(now, development)).toEqual({ delivered: 0, failed: 0 }); // not before its backoff
      now = new Date(delivery.nextAttemptAt.getTime() + 1);
    }
    expect(flaky.received).toHaveLength(3); // the redirect's target was never called

    // A delivery that ages out fails alone: the endpoint answered well an hour before.
    const dead = await receiver(() => 503);
    const endpoint = (await register(retailer, dead.url, ["connection_request.submitted"])).body;
    await submit(retailer);
    await fanOut();
    const delivery = await db.webhookDelivery.findFirstOrThrow({ where: { endpointId: endpoint.id } });
    const dayLater = new Date(delivery.createdAt.getTime() + deliveryGiveUpAfterMs);
    await db.webhookEndpoint.update({ where: { id: endpoint.id }, data: { lastSuccessAt: new Date(dayLater.getTime() - 3_600_000) } });
    await sendDueWebhooks(dayLater, development);
    expect(await db.webhookDelivery.findUniqueOrThrow({ where: { id: delivery.id } })).toMatchObject({ status: "failed", lastError: "Answered 503." });
    const failing = await db.webhookEndpoint.findUniqueOrThrow({ where: { id: endpoint.id } });
    expect(failing.disabledAt).toBeNull();
    expect(failing.failingSince!.getTime()).toBeGreaterThanOrEqual(dayLater.getTime());

    // A whole day of failures with no success in between disables it, holds its backlog, and tells its owner.
    for (let n = 0; n < 3; n++) await submit(retailer);
    await fanOut();
    const twoDaysLater = new Date(dayLater.getTime() + deliveryGiveUpAfterMs + 60_000);
    // Its retries went on failing through the day (the last an hour ago).
    await db.webhookEndpoint.update({ where: { id: endpoint.id }, data: { lastFailureAt: new Date(twoDaysLater.getTime() - 3_600_000) } });
    expect(await sendDueWebhooks(twoDaysLater, development)).toMatchObject({ failed: 1 }); // one in flight per endpoint
    expect((await db.webhookEndpoint.findUniqueOrThrow({ where: { id: endpoint.id } })).disabledAt).not.toBeNull();
    const mail = await db.emailDelivery.findFirstOrThrow({ where: { to: retailer.email, subject: "A webhook endpoint was disabled" } });
    expect(mail.text).toContain(dead.url);
    expect(await db.webhookDelivery.count({ where: { endpointId: endpoint.id, status: "held" } })).toBe(2);
    await sendDueWebhooks(new Date(twoDaysLater.getTime() + deliveryGiveUpAfterMs), development);
    expect(await db.webhookDelivery.count({ where: { endpointId: endpoint.id, status: "held" } })).toBe(2); // not sent, not scanned
    // Rotating the secret turns it back on.
    const rotated = await callRoute(rotateRoute, "/x", { method: "POST", headers: retailer.auth }, { id: endpoint.id });
    expect((await rotated.json()).secret).toMatch(/^whsec_/);
    expect((await db.webhookEndpoint.findUniqueOrThrow({ where: { id: endpoint.id } })).disabledAt).toBeNull();
  });

  it("in production, refuse at delivery time a target that is not a public address, however it is named", async () => {
    const retailer = await person();
    const local = await receiver();
    const byName = (await register(retailer, local.url.replace("127.0.0.1", "localhost"), ["connection_request.submitted"])).body;
    const byAddress = (await register(retailer, local.url, ["connection_request.submitted"])).body;
    await submit(retailer);
    await fanOut();
    await sendDueWebhooks(new Date(), production);
    expect(local.received).toHaveLength(0);
    for (const endpoint of [byName, byAddress]) {
      const delivery = await db.webhookDelivery.findFirstOrThrow({ where: { endpointId: endpoint.id } });
      expect(delivery.status).toBe("pending");
      expect(delivery.lastError).toBe("Target not allowed.");
    }
    await sendDueWebhooks(new Date(Date.now() + 3_600_000), { production: true, allowPrivate: true });
    expect(local.received).toHaveLength(2);
  });

  it("know which addresses are not public", () => {
    for (const address of ["127.0.0.1", "10.1.2.3", "172.16.0.9", "192.168.1.1", "169.254.169.254", "100.64.0.1", "0.0.0.0", "::1", "fc00::1", "fe80::1", "::ffff:127.0.0.1", "not-an-ip"]) {
      expect(isForbiddenAddress(address), address).toBe(true);
    }
    for (const address of ["93.184.216.34", "8.8.8.8", "2606:4700:4700::1111"]) expect(isForbiddenAddress(address), address).toBe(false);
    // Outside production only the developer's own loopback is let through; private ranges never.
    expect(mayConnect("127.0.0.1", development)).toBe(true);
    expect(mayConnect("10.0.0.1", development)).toBe(false);
    expect(mayConnect("169.254.169.254", development)).toBe(false);
    expect(mayConnect("127.0.0.1", production)).toBe(false);
    expect(mayConnect("10.0.0.1", { production: true, allowPrivate: true })).toBe(true);
  });

  it("take https URLs (http to localhost while developing) and belong to their organization only", async () => {
    const [owner, stranger] = [await person(), await person()];
    expect((await register(owner, "http://hooks.example.com/x")).body).toEqual({ url: ["Use an https:// URL (or http:// to localhost while developing)."] });
    expect((await register(owner, "https://user:pw@hooks.example.com/x")).body).toEqual({ url: ["Put no credentials in the URL: verify the signature instead."] });
    expect((await register(owner, "https://hooks.example.com/x", ["data_request.completed"])).status).toBe(400);
    const created = (await register(owner, "https://hooks.example.com/x")).body;
    expect((await callRoute(rotateRoute, "/x", { method: "POST", headers: stranger.auth }, { id: created.id })).status).toBe(404);
    expect((await callRoute(deleteRoute, "/x", { method: "DELETE", headers: stranger.auth }, { id: created.id })).status).toBe(404);
    expect((await (await callRoute(listRoute, "/api/webhooks", { headers: stranger.auth })).json()).webhooks).toEqual([]);
    expect((await callRoute(deleteRoute, "/x", { method: "DELETE", headers: owner.auth }, { id: created.id })).status).toBe(204);
  });

  it("of an OAuth app receive the data-request events of the people who authorized it, until they revoke it", async () => {
    const [developer, user, stranger] = [await person(), await person(), await person()];
    const app = await registerApp(await actorOf(developer));
    const appRow = await db.oAuthClient.findUniqueOrThrow({ where: { clientId: app.clientId } });
    const hook = await receiver();
    const { secret } = await setOAuthAppWebhook(await actorOf(developer), appRow.id, hook.url);
    hook.setSecret(secret!);
    await expect(setOAuthAppWebhook(await actorOf(stranger), appRow.id, "https://evil.example/x")).rejects.toMatchObject({ status: 404 });
    await authorize(await sessionCookie(user.id), app);

    const deliverAll = async () => {
      await drainQueue(`w-${unique()}`);
      await fanOut();
      await sendDueWebhooks(new Date(), development);
    };
    const { requestId } = await createDataRequest(user.id, ["profile"]);
    await createDataRequest(stranger.id, ["profile"]); // never authorized the app
    await deliverAll();
    expect(hook.received.map((hit) => [hit.body.type, hit.verified, hit.body.data.requestId])).toEqual([["data_request.completed", true, requestId]]);
    expect(hook.received[0]!.body.data).toMatchObject({ requestId, isCompleted: true, dataRequested: ["profile"] });

    const grant = await db.oAuthGrant.findFirstOrThrow({ where: { userId: user.id, clientId: appRow.id } });
    await revokeAuthorizedApp(user.id, grant.id);
    await createDataRequest(user.id, ["organization"]);
    await deliverAll();
    expect(hook.received).toHaveLength(1);
  });

  it("are not held by a receiver that answers its status and then trickles the body for ever", async () => {
    const retailer = await person();
    const trickle = http.createServer((_request, response) => {
      response.writeHead(200);
      const drip = setInterval(() => response.write("."), 200);
      response.on("close", () => clearInterval(drip));
    });
    await new Promise<void>((resolve) => trickle.listen(0, "127.0.0.1", resolve));
    receivers.push({
      close: async () => {
        trickle.closeAllConnections();
        await new Promise<void>((resolve) => trickle.close(() => resolve()));
      },
    });
    const url = `http://127.0.0.1:${(trickle.address() as AddressInfo).port}/hooks`;
    await register(retailer, url, ["connection_request.submitted"]);
    await submit(retailer);
    await fanOut();
    // Waiting for the body would never end (the test's time limit would): the status is enough.
    expect(await sendDueWebhooks(new Date(), development)).toEqual({ delivered: 1, failed: 0 });
  });
});
