import { EventEmitter } from "node:events";
import net from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { person, type Person } from "@/tests/support/fixtures";
import { startTarpit } from "@/tests/support/tarpit";
import { startWebhookReceiver } from "@/tests/support/webhook-receiver";
import { sendDueWebhooks, WebhookDispatcher } from "./deliver";
import { encryptSecret, generateWebhookSecret } from "./secrets";
import { recordAttempt } from "./endpoint-health";
import { limitConnectTime } from "./send";
import { webhookSecretKeys } from "./secret-keys";

const closers: (() => Promise<void>)[] = [];
// The sender serves every endpoint of the database: each test starts with no deliveries left over.
afterEach(async () => {
  // In the order registered: a dark target closes first, so sends still waiting on it end at once.
  while (closers.length) await closers.shift()!();
  await db.webhookDelivery.deleteMany({});
});

async function endpointFor(owner: Person, url: string) {
  const secret = generateWebhookSecret();
  const endpoint = await db.webhookEndpoint.create({
    data: { ownerId: owner.id, organizationId: owner.organizationId, url, events: [], secretCiphertext: encryptSecret(secret, webhookSecretKeys()) },
  });
  return { ...endpoint, secret };
}
/** Deliveries queued one after the other, as events happen. */
async function queue(endpointId: string, count: number) {
  const start = Date.now() - 1_000;
  for (let n = 0; n < count; n++) {
    await db.webhookDelivery.create({ data: { endpointId, type: "webhook.test", payload: JSON.stringify({ type: "webhook.test", n }), createdAt: new Date(start + n) } });
  }
}

/** A port where nothing listens: every attempt fails at once with a refused connection. */
async function closedPort() {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}/hook`;
}

async function waitFor(check: () => boolean | Promise<boolean>, ms: number) {
  for (const end = Date.now() + ms; Date.now() < end; await new Promise((resolve) => setTimeout(resolve, 50))) if (await check()) return true;
  return false;
}

describe("the webhook sender", () => {
  it("keeps delivering to healthy endpoints while a target that never answers holds its own slot", async () => {
    const [dark, healthy] = [await person(), await person()];
    const tarpit = await startTarpit();
    closers.push(tarpit.close);
    let secret = "";
    const receiver = await startWebhookReceiver(() => secret);
    closers.push(receiver.close);
    const darkEndpoint = await endpointFor(dark, tarpit.url);
    const healthyEndpoint = await endpointFor(healthy, receiver.url);
    secret = healthyEndpoint.secret;
    await queue(darkEndpoint.id, 5);
    await queue(healthyEndpoint.id, 3);

    const dispatcher = new WebhookDispatcher(16);
    closers.push(() => dispatcher.settle(15_000));
    let healthyDone = false;
    const ticking = (async () => {
      while (!healthyDone) {
        await dispatcher.dispatch();
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    })();
    // Well within one 10 s deadline of the dark endpoint: its attempt never held the others.
    healthyDone = await waitFor(() => receiver.received.length === 3, 5_000);
    await ticking;
    expect(receiver.received.every((hit) => hit.verified)).toBe(true);
    expect(receiver.received.map((hit) => (hit.body as unknown as { n: number }).n)).toEqual([0, 1, 2]); // in order
    expect(tarpit.connections()).toBe(1); // one delivery in flight to it, the other four wait
    expect(await db.webhookDelivery.count({ where: { endpointId: darkEndpoint.id, status: "sending" } })).toBe(1);
  });

  it("keeps endpoints on probation (new, or not answering) to half the slots, so many dark ones never crowd out a proven one", async () => {
    const [dark, proven] = [await person(), await person()];
    const tarpit = await startTarpit();
    closers.push(tarpit.close);
    let secret = "";
    const receiver = await startWebhookReceiver(() => secret);
    closers.push(receiver.close);
    for (let n = 0; n < 6; n++) await queue((await endpointFor(dark, `${tarpit.url}?n=${n}`)).id, 1);
    const good = await endpointFor(proven, receiver.url);
    secret = good.secret;
    await db.webhookEndpoint.update({ where: { id: good.id }, data: { lastSuccessAt: new Date() } });

    const dispatcher = new WebhookDispatcher(4);
    closers.push(() => dispatcher.settle(15_000));
    expect(await dispatcher.dispatch()).toBe(2); // two dark ones: half of four slots
    await queue(good.id, 1);
    expect(await dispatcher.dispatch()).toBe(1); // the proven endpoint finds a free slot at once
    expect(await waitFor(() => receiver.received.length === 1, 5_000)).toBe(true);
    await waitFor(() => tarpit.connections() === 2, 1_000);
    expect(tarpit.connections()).toBe(2);
  });

  it("opens an endpoint's circuit after three attempts in a row get no answer, then probes it with one delivery", async () => {
    const owner = await person();
    const endpoint = await endpointFor(owner, await closedPort());
    await queue(endpoint.id, 6);
    const now = new Date();

    await sendDueWebhooks(now);
    const tripped = await db.webhookEndpoint.findUniqueOrThrow({ where: { id: endpoint.id } });
    expect(tripped.consecutiveFailures).toBe(3);
    expect(tripped.circuitOpenUntil!.getTime()).toBeGreaterThanOrEqual(now.getTime() + 30_000);
    const attempts = await db.webhookDelivery.aggregate({ where: { endpointId: endpoint.id }, _sum: { attempts: true } });
    expect(attempts._sum.attempts).toBe(3); // the other three waited instead of failing one by one
    expect(await sendDueWebhooks(new Date(now.getTime() + 10_000))).toEqual({ delivered: 0, failed: 0 });

    const probe = await sendDueWebhooks(new Date(tripped.circuitOpenUntil!.getTime() + 1));
    expect(probe).toEqual({ delivered: 0, failed: 1 });
    const reopened = await db.webhookEndpoint.findUniqueOrThrow({ where: { id: endpoint.id } });
    expect(reopened.consecutiveFailures).toBe(4);
    expect(reopened.circuitOpenUntil!.getTime()).toBeGreaterThan(tripped.circuitOpenUntil!.getTime() + 60_000 - 1_000); // doubled
    expect(reopened.disabledAt).toBeNull(); // a day of failures disables, not a few minutes
  });

  it("counts only unanswered attempts in a row towards the circuit, and starts a new failing streak after a quiet day", async () => {
    const owner = await person();
    const endpoint = await endpointFor(owner, "https://hooks.example/x");
    const now = new Date();
    await recordAttempt(endpoint.id, { ok: false, unreachable: true }, now);
    await recordAttempt(endpoint.id, { ok: false, unreachable: true }, now);
    await recordAttempt(endpoint.id, { ok: false, unreachable: false }, now); // it answered (a 500)
    await recordAttempt(endpoint.id, { ok: false, unreachable: true }, now);
    expect(await db.webhookEndpoint.findUniqueOrThrow({ where: { id: endpoint.id } })).toMatchObject({ consecutiveFailures: 1, circuitOpenUntil: null, failingSince: now });

    // Two days later one failure is a new streak, not the end of a day-long one.
    const later = new Date(now.getTime() + 48 * 3_600_000);
    expect(await recordAttempt(endpoint.id, { ok: false, unreachable: false }, later)).toEqual({ failingForADay: false });
    expect((await db.webhookEndpoint.findUniqueOrThrow({ where: { id: endpoint.id } })).failingSince).toEqual(later);
    const dayOfFailures = new Date(later.getTime() + 24 * 3_600_000);
    await recordAttempt(endpoint.id, { ok: false, unreachable: false }, new Date(later.getTime() + 12 * 3_600_000));
    expect(await recordAttempt(endpoint.id, { ok: false, unreachable: false }, dayOfFailures)).toEqual({ failingForADay: true });
  });

  it("sends nothing for an endpoint whose creator's account is disabled, from that moment on", async () => {
    const owner = await person();
    let secret = "";
    const receiver = await startWebhookReceiver(() => secret);
    closers.push(receiver.close);
    const endpoint = await endpointFor(owner, receiver.url);
    secret = endpoint.secret;
    await queue(endpoint.id, 1);
    // The sender's own check: disabling through changeAccount also deletes the person's
    // organization endpoints (lib/auth/revocation.ts), so the status is set directly here.
    await db.user.update({ where: { id: owner.id }, data: { status: "disabled" } });
    expect(await sendDueWebhooks()).toEqual({ delivered: 0, failed: 0 });
    expect(receiver.received).toHaveLength(0);
    await db.user.update({ where: { id: owner.id }, data: { status: "active" } });
    expect(await sendDueWebhooks()).toEqual({ delivered: 1, failed: 0 });
  });

  it("gives a stopping worker's unfinished sends back to the queue, attempt not counted", async () => {
    const owner = await person();
    const tarpit = await startTarpit();
    closers.push(tarpit.close);
    const endpoint = await endpointFor(owner, tarpit.url);
    await queue(endpoint.id, 1);
    const dispatcher = new WebhookDispatcher(4);
    expect(await dispatcher.dispatch()).toBe(1);
    await dispatcher.settle(100);
    expect(await dispatcher.release()).toBe(1);
    expect(await db.webhookDelivery.findFirstOrThrow({ where: { endpointId: endpoint.id } })).toMatchObject({ status: "pending", attempts: 0, claimToken: null });
  });

  it("gives up on a target that does not accept the connection within the connect timeout", async () => {
    const socket = new EventEmitter() as EventEmitter & { connecting: boolean };
    socket.connecting = true;
    let gaveUp = 0;
    limitConnectTime(socket, () => gaveUp++, 50);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(gaveUp).toBe(1);

    const quick = Object.assign(new EventEmitter(), { connecting: true });
    limitConnectTime(quick, () => gaveUp++, 50);
    quick.emit("connect");
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(gaveUp).toBe(1); // connected in time: the send's own deadline applies from here
  });
});
