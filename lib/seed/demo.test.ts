import { describe, expect, it } from "vitest";
import { toActor } from "@/lib/auth/actor";
import { statusName } from "@/lib/connections/dto";
import { listConnections } from "@/lib/connections/queries";
import { db } from "@/lib/db/client";
import { fanOutEvents } from "@/lib/events/fanout";
import { connectionRequestTimeline } from "@/lib/events/timeline";
import { seedDemoData } from "./demo";

const actorFor = async (email: string) => toActor(await db.user.findUniqueOrThrow({ where: { email }, include: { organization: true } }));
const counts = async () => Promise.all([db.user.count(), db.connectionRequest.count(), db.connection.count(), db.event.count(), db.notification.count(), db.auditEvent.count()]);

describe("the demo data", async () => {
  // One seed for the file (each test file has its own database); the second call must change nothing.
  expect(await seedDemoData(db)).toBe(true);
  const seeded = await counts();

  it("is loaded into an empty database only, once", async () => {
    expect(await seedDemoData(db)).toBe(false);
    expect(await counts()).toEqual(seeded);
  });

  it("gives every connection request a history, in the order it happened", async () => {
    const admin = await actorFor("admin@example.com");
    const requests = await db.connectionRequest.findMany({ select: { id: true, status: true } });
    expect(requests.length).toBeGreaterThan(0);
    for (const request of requests) {
      const timeline = await connectionRequestTimeline(admin, request.id);
      expect(timeline.length, request.id).toBeGreaterThan(0);
      expect(timeline[0]!.event).toBe("submitted");
      expect(timeline.map((entry) => entry.at)).toEqual(timeline.map((entry) => entry.at).sort());
      const decisions = timeline.filter((entry) => ["approved", "rejected"].includes(entry.event));
      expect(decisions.map((entry) => entry.event)).toEqual(request.status === "approved" || request.status === "rejected" ? [request.status] : []);
      for (const decision of decisions) expect(decision.actor?.email).toBe("admin@example.com");
    }
    const rejected = await db.connectionRequest.findFirstOrThrow({ where: { status: "rejected" } });
    expect((await connectionRequestTimeline(admin, rejected.id)).at(-1)?.message).toBe(rejected.rejectionReason);
  });

  it("shows a connection in each state, each ending where its events say", async () => {
    const connections = await db.connection.findMany({ include: { events: { orderBy: { sequence: "asc" } }, feeds: true, supplierOrganization: true } });
    expect(new Set(connections.map((connection) => connection.status))).toEqual(new Set(["confirmation_waiting", "active", "deactivated"]));
    for (const connection of connections) {
      expect(connection.events[0]?.type).toBe("connection.created");
      const moves = connection.events.filter((event) => event.type !== "connection.feed_phase_changed");
      expect(moves.at(-1)?.toState).toBe(statusName[connection.status]);
    }
    const active = connections.find((connection) => connection.status === "active")!;
    expect(new Set(active.events.map((event) => event.type))).toEqual(new Set(["connection.created", "connection.activated", "connection.feed_phase_changed"]));
    expect(active.feeds.map((feed) => feed.phase).sort()).toEqual(["live", "setup", "testing"]);
    // Each feed's move names its feed, and the feed's phase now is where its last move took it.
    for (const feed of active.feeds) {
      const last = active.events.filter((event) => event.feedId === feed.id).at(-1);
      expect(last?.toState ?? "setup").toBe(feed.phase);
    }
    expect(active.events.filter((event) => event.type === "connection.feed_phase_changed").every((event) => event.feedId)).toBe(true);
    const deactivated = connections.find((connection) => connection.status === "deactivated")!;
    expect(deactivated.deactivationReason).toBeTruthy();
    expect(deactivated.events.at(-1)).toMatchObject({ type: "connection.deactivated", message: deactivated.deactivationReason });
    const waiting = connections.find((connection) => connection.status === "confirmation_waiting")!;
    expect(waiting.supplierOrganization?.name).toBe("Globex Supply");
  });

  it("has the supplier's member see the connection waiting for them, and told of it", async () => {
    const sam = await actorFor("sam@globex-supply.example");
    const listed = await listConnections(sam, {});
    expect(listed.map((connection) => connection.status)).toContain("CONFIRMATION WAITING");
    const unread = await db.notification.findMany({ where: { userId: sam.userId, readAt: null }, include: { event: true } });
    expect(unread.map((notification) => notification.event.type)).toContain("connection.created");
  });

  it("leaves nothing to fan out: no mail or webhooks about the demo's past at start", async () => {
    expect(await db.event.count({ where: { fannedOutAt: null } })).toBe(0);
    expect((await fanOutEvents(new Date(), { email: true })).fannedOut).toBe(0);
    expect(await db.emailDelivery.count()).toBe(0);
    expect(await db.webhookDelivery.count()).toBe(0);
  });
});
