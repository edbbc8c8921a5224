import { describe, expect, it } from "vitest";
import { actorForApiToken } from "@/lib/auth/api-tokens";
import { confirmConnection, deactivateConnection } from "@/lib/connections/transitions";
import { moveFeed } from "@/lib/connections/feeds";
import { db } from "@/lib/db/client";
import { listNotifications, markReadFor } from "@/lib/notifications/notifications";
import { webhookEventTypes } from "@/lib/schemas/choices";
import { approvedConnection } from "@/tests/support/connections";
import { person, type Person } from "@/tests/support/fixtures";
import { fanOutEvents } from "./fanout";

const actorOf = async (who: Person) => (await actorForApiToken(who.token))!;
const told = async (who: Person) => (await db.notification.findMany({ where: { userId: who.id }, include: { event: true }, orderBy: { event: { sequence: "asc" } } })).map((n) => n.event.type);
const drainOutbox = async () => {
  while ((await fanOutEvents(new Date(), { email: true })).fannedOut > 0);
};
const colleagueOf = async (who: Person, type: "retailer" | "supplier") =>
  person({ type, organizationName: (await db.organization.findUniqueOrThrow({ where: { id: who.organizationId! } })).name });
const endpoint = (owner: Person, organizationId: string | null) =>
  db.webhookEndpoint.create({ data: { ownerId: owner.id, organizationId, url: "https://hooks.example/x", events: [...webhookEventTypes], secretCiphertext: "unused" } });

describe("a connection's events reach its two sides", () => {
  it("created: the supplier's members; confirmed: the retailer's; a feed moved by the supplier: the retailer's; an admin's deactivation: both; never the actor, never a third organization", async () => {
    const [retailer, supplier, outsider] = [await person(), await person({ type: "supplier" }), await person({ type: "supplier" })];
    const [retailerColleague, supplierColleague] = [await colleagueOf(retailer, "retailer"), await colleagueOf(supplier, "supplier")];
    const { connection, admin } = await approvedConnection(retailer, supplier);
    await drainOutbox();
    expect(await told(supplier)).toEqual(["connection.created"]);
    expect(await told(supplierColleague)).toEqual(["connection.created"]);
    expect(await told(retailer)).toEqual(["connection_request.approved"]);

    await confirmConnection(await actorOf(supplier), connection.id);
    await moveFeed(await actorOf(supplier), connection.id, connection.feeds[0]!.integrationId, { phase: "testing" });
    await drainOutbox();
    expect(await told(retailerColleague)).toEqual(["connection_request.approved", "connection.activated", "connection.feed_phase_changed"]);
    expect(await told(supplier)).toEqual(["connection.created"]);
    expect(await told(supplierColleague)).toEqual(["connection.created"]);

    await deactivateConnection(await actorOf(admin), connection.id, "Fraud.");
    await drainOutbox();
    expect((await told(retailer)).at(-1)).toBe("connection.deactivated");
    expect((await told(supplierColleague)).at(-1)).toBe("connection.deactivated");
    expect(await told(admin)).not.toContain("connection.deactivated");
    expect(await told(outsider)).toEqual([]);

    const mails = await db.emailDelivery.findMany({ where: { to: supplierColleague.email } });
    expect(mails.map((m) => m.subject)).toEqual(expect.arrayContaining([expect.stringContaining("wants to connect with you")]));
    expect(mails.every((m) => m.text.includes(`/partners/${connection.id}`))).toBe(true);
    const notes = await listNotifications(await actorOf(retailerColleague), { start: 0, limit: 10 });
    expect(notes.notifications.find((n) => n.event === "activated")).toMatchObject({ text: `Connection confirmed: ${connection.supplierName}`, href: `/partners/${connection.id}` });
    // Opening the connection's page reads what the person was told about it, and nothing else.
    expect(await markReadFor(await actorOf(retailerColleague), { connectionId: connection.id })).toBe(3);
    expect((await listNotifications(await actorOf(retailerColleague), { start: 0, limit: 10, unreadOnly: true })).notifications.map((n) => n.event)).toEqual(["approved"]);
  });

  it("webhooks: both organizations' and platform endpoints get the connection as the API shows it; a third organization's never", async () => {
    const [retailer, supplier, outsider, platform] = [await person(), await person({ type: "supplier" }), await person(), await person({ admin: true })];
    await drainOutbox();
    const [retailerHook, supplierHook, outsiderHook, platformHook] = [
      await endpoint(retailer, retailer.organizationId),
      await endpoint(supplier, supplier.organizationId),
      await endpoint(outsider, outsider.organizationId),
      await endpoint(platform, null),
    ];
    const { connection } = await approvedConnection(retailer, supplier);
    await confirmConnection(await actorOf(supplier), connection.id);
    await drainOutbox();
    const deliveries = async (hook: { id: string }) => db.webhookDelivery.findMany({ where: { endpointId: hook.id, type: { startsWith: "connection." } }, orderBy: { createdAt: "asc" } });
    for (const hook of [retailerHook, supplierHook, platformHook]) {
      const sent = await deliveries(hook);
      expect(sent.map((d) => d.type).sort()).toEqual(["connection.activated", "connection.created"]);
      const payload = JSON.parse(sent.find((d) => d.type === "connection.activated")!.payload);
      expect(payload).toMatchObject({ type: "connection.activated", data: { uuid: connection.id, status: "ACTIVE", supplier: { uuid: supplier.organizationId } } });
    }
    expect(await deliveries(outsiderHook)).toEqual([]);
  });
});
