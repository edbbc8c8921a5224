import { describe, expect, it } from "vitest";
import { toActor, type Actor } from "@/lib/auth/actor";
import { actorForApiToken } from "@/lib/auth/api-tokens";
import { resubmitConnectionRequest, submitConnectionRequest } from "@/lib/connection-requests/commands";
import { decideConnectionRequest } from "@/lib/connection-requests/decisions";
import { recordExpiryEvents } from "@/lib/data-requests/expiry";
import { createDataRequest } from "@/lib/data-requests/requests";
import { drainQueue } from "@/lib/data-requests/worker";
import { db } from "@/lib/db/client";
import { listNotifications, markNotificationsRead, markReadFor, unreadCountCap, unreadLabel, unreadNotificationCount } from "@/lib/notifications/notifications";
import { createConnectionRequestSchema } from "@/lib/schemas/connection-requests";
import { person, unique, validRequest, type Person } from "@/tests/support/fixtures";
import { fanOutEvents, maxFanoutAttempts } from "./fanout";

const actorOf = async (who: Person): Promise<Actor> => (await actorForApiToken(who.token))!;
const told = async (who: Person) => (await db.notification.findMany({ where: { userId: who.id }, include: { event: true } })).map((n) => n.event.type);
const drainOutbox = async () => {
  while ((await fanOutEvents()).fannedOut > 0);
};

async function submit(retailer: Person) {
  const input = createConnectionRequestSchema.parse({ ...validRequest, organization_name: `Supplier ${unique()}` });
  const { body } = await submitConnectionRequest(await actorOf(retailer), input);
  return (body as { request_uuid: string }).request_uuid;
}

describe("fanning events out to the people concerned", () => {
  it("tells admins of submissions and resubmissions, and the requesting organization of decisions, never the actor", async () => {
    const retailer = await person();
    const colleague = await person({ organizationName: (await db.organization.findUniqueOrThrow({ where: { id: retailer.organizationId! } })).name });
    const [outsider, admin, otherAdmin] = [await person(), await person({ admin: true }), await person({ admin: true })];
    await drainOutbox();
    const before = { admin: (await told(admin)).length, otherAdmin: (await told(otherAdmin)).length };

    const id = await submit(retailer);
    await drainOutbox();
    expect((await told(admin)).slice(before.admin)).toEqual(["connection_request.submitted"]);
    expect((await told(otherAdmin)).slice(before.otherAdmin)).toEqual(["connection_request.submitted"]);
    expect(await told(retailer)).toEqual([]);

    await decideConnectionRequest(await actorOf(admin), id, { kind: "request_changes", message: "Add a phone number." });
    await drainOutbox();
    expect(await told(retailer)).toEqual(["connection_request.changes_requested"]);
    expect(await told(colleague)).toEqual(["connection_request.changes_requested"]);
    expect(await told(outsider)).toEqual([]);
    expect((await told(admin)).slice(before.admin)).toEqual(["connection_request.submitted"]);

    await resubmitConnectionRequest(await actorOf(colleague), id);
    await decideConnectionRequest(await actorOf(otherAdmin), id, { kind: "approve" });
    await drainOutbox();
    expect((await told(admin)).slice(before.admin)).toEqual(["connection_request.submitted", "connection_request.resubmitted"]);
    expect((await told(colleague)).sort()).toEqual(["connection_request.approved", "connection_request.changes_requested"]);
    expect(await db.event.count({ where: { fannedOutAt: null } })).toBe(0);
  });

  it("tells a person of their own data request's completion, and of nothing the timeline keeps only", async () => {
    const who = await person();
    const { requestId } = await createDataRequest(who.id, ["profile"]);
    await drainQueue("w-fanout");
    await drainOutbox();
    expect(await told(who)).toEqual(["data_request.completed"]);
    expect((await db.event.findMany({ where: { dataRequestId: requestId }, orderBy: { sequence: "asc" } })).map((e) => e.type)).toEqual([
      "data_request.submitted",
      "data_request.completed",
    ]);
  });

  it("records each expiry notice once, before and at expiry", async () => {
    const who = await person();
    const { requestId } = await createDataRequest(who.id, ["profile"]);
    await drainQueue("w-expiry");
    const { expiresAt } = await db.dataRequest.findUniqueOrThrow({ where: { id: requestId } });
    const day = 24 * 3_600_000;
    const types = async () => (await db.event.findMany({ where: { dataRequestId: requestId }, orderBy: { sequence: "asc" } })).map((e) => e.type);
    await recordExpiryEvents(new Date(expiresAt!.getTime() - 4 * day));
    expect(await types()).not.toContain("data_request.expiring");
    await recordExpiryEvents(new Date(expiresAt!.getTime() - 2 * day));
    await recordExpiryEvents(new Date(expiresAt!.getTime() - 1 * day));
    await recordExpiryEvents(new Date(expiresAt!.getTime() + 1000));
    await recordExpiryEvents(new Date(expiresAt!.getTime() + 2000));
    expect(await types()).toEqual(["data_request.submitted", "data_request.completed", "data_request.expiring", "data_request.expired"]);
  });
});

describe("notifications", () => {
  it("are listed to their person, newest first, and marked read by that person only", async () => {
    const retailer = await person();
    const admin = await person({ admin: true });
    const stranger = await person();
    const id = await submit(retailer);
    await decideConnectionRequest(await actorOf(admin), id, { kind: "reject", reason: "Not onboarded." });
    await drainOutbox();
    const actor = toActor(await db.user.findUniqueOrThrow({ where: { id: retailer.id }, include: { organization: true } }));
    expect(await unreadNotificationCount(actor)).toBe(1);
    const { notifications, total } = await listNotifications(actor, { start: 0, limit: 10 });
    expect(total).toBe(1);
    expect(notifications[0]).toMatchObject({ event: "rejected", read: false, message: "Not onboarded.", href: `/connections/${id}` });
    expect(notifications[0]!.text).toMatch(/^Rejected: Supplier /);

    expect(await markNotificationsRead(await actorOf(stranger), [notifications[0]!.id])).toBe(0);
    await markReadFor(await actorOf(stranger), { connectionRequestId: id });
    expect(await unreadNotificationCount(actor)).toBe(1);
    await markReadFor(actor, { dataRequests: true });
    expect(await unreadNotificationCount(actor)).toBe(1);
    await markReadFor(actor, { connectionRequestId: id }); // opening the request reads its news
    expect(await unreadNotificationCount(actor)).toBe(0);
    await db.notification.updateMany({ where: { userId: retailer.id }, data: { readAt: null } });
    expect(await markNotificationsRead(actor, "all")).toBe(1);
    expect(await unreadNotificationCount(actor)).toBe(0);
  });

  it("are counted for the header up to a cap that reads 99+", async () => {
    const reader = await person();
    const request = await db.dataRequest.create({ data: { userId: reader.id, dataTypes: ["profile"] } });
    const events = await Promise.all(Array.from({ length: 120 }, () => db.event.create({ data: { type: "data_request.completed", dataRequestId: request.id, userId: reader.id, fannedOutAt: new Date() } })));
    await db.notification.createMany({ data: events.map((event) => ({ userId: reader.id, eventId: event.id })) });
    const actor = await actorOf(reader);
    expect(await unreadNotificationCount(actor)).toBe(unreadCountCap);
    expect(unreadLabel(await unreadNotificationCount(actor))).toBe("99+");
    expect(unreadLabel(99)).toBe("99");
  });

  it("lets the events after a failing one go on, retries it with backoff, and parks it after a few attempts", async () => {
    const retailer = await person();
    const admin = await person({ admin: true });
    // A malformed row (a decision without its request) that fails every fan-out, before a good event.
    const poison = await db.event.create({ data: { type: "connection_request.approved" } });
    const good = await submit(retailer);

    const start = Date.now();
    const first = await fanOutEvents(new Date(start), { email: true });
    expect(first.failed).toBe(1);
    expect(await told(admin)).toContain("connection_request.submitted"); // not held up behind it
    expect(await db.event.count({ where: { connectionRequestId: good, fannedOutAt: null } })).toBe(0);
    const waiting = await db.event.findUniqueOrThrow({ where: { id: poison.id } });
    expect(waiting.fanoutRetryAt!.getTime()).toBe(start + 30_000);
    expect((await fanOutEvents(new Date(start + 29_000), { email: true })).failed).toBe(0); // not before its backoff

    let parked = 0;
    for (let attempt = 1; attempt < maxFanoutAttempts; attempt++) parked += (await fanOutEvents(new Date(start + attempt * 3_600_000), { email: true })).parked;
    expect(parked).toBe(1);
    await drainOutbox();

    const stuck = await db.event.findUniqueOrThrow({ where: { id: poison.id } });
    expect(stuck).toMatchObject({ fanoutAttempts: maxFanoutAttempts, fannedOutAt: null });
    expect(stuck.parkedAt).not.toBeNull();
    expect(stuck.fanoutError).toBeTruthy();
  });
});
