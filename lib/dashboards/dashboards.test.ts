import { describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { actorForApiToken } from "@/lib/auth/api-tokens";
import { submitConnectionRequest } from "@/lib/connection-requests/commands";
import { moveFeed } from "@/lib/connections/feeds";
import { confirmConnection } from "@/lib/connections/transitions";
import { decideConnectionRequest } from "@/lib/connection-requests/decisions";
import { createDataRequest } from "@/lib/data-requests/requests";
import { db } from "@/lib/db/client";
import { fanOutEvents } from "@/lib/events/fanout";
import { createConnectionRequestSchema } from "@/lib/schemas/connection-requests";
import { approvedConnection } from "@/tests/support/connections";
import { person, unique, validRequest, type Person } from "@/tests/support/fixtures";
import { adminDashboard } from "./admin";
import { memberDashboard } from "./member";

const actorOf = async (who: Person): Promise<Actor> => (await actorForApiToken(who.token))!;
const day = 24 * 60 * 60 * 1000;

async function submit(retailer: Person, supplier = `Supplier ${unique()}`) {
  const input = createConnectionRequestSchema.parse({ ...validRequest, organization_name: supplier });
  const { body } = await submitConnectionRequest(await actorOf(retailer), input);
  return (body as { request_uuid: string }).request_uuid;
}

describe("a member's home", () => {
  it("puts requests sent back for changes first, with what to change, then states, decisions, data requests and unread notifications", async () => {
    const retailer = await person();
    const admin = await actorOf(await person({ admin: true }));
    const [sentBack, rejected] = [await submit(retailer, "Sent Back Ltd"), await submit(retailer, "Rejected Ltd")];
    await submit(retailer, "Still Pending Ltd");
    await decideConnectionRequest(admin, sentBack, { kind: "request_changes", message: "Add the item feed's file specs." });
    await decideConnectionRequest(admin, rejected, { kind: "reject", reason: "Supplier is not onboarded yet." });
    await createDataRequest(retailer.id, ["profile"]);
    while ((await fanOutEvents()).fannedOut > 0);

    const home = await memberDashboard(await actorOf(retailer));
    expect(home.totals).toMatchObject({ all: 3, pending: 1, changes_requested: 1, rejected: 1, approved: 0 });
    expect(home.needsChanges).toEqual([expect.objectContaining({ id: sentBack, supplierName: "Sent Back Ltd", message: "Add the item feed's file specs." })]);
    expect(home.decisions.map((decision) => [decision.supplierName, decision.decision, decision.message])).toEqual([
      ["Rejected Ltd", "rejected", "Supplier is not onboarded yet."],
      ["Sent Back Ltd", "changes_requested", "Add the item feed's file specs."],
    ]);
    expect(home.dataRequests.map((request) => request.state)).toEqual(["queued"]);
    expect(home.unreadCount).toBe(2);
    expect(home.unread.map((notification) => notification.text)).toEqual(["Rejected: Rejected Ltd", "Changes requested: Sent Back Ltd"]);
  });

  it("shows another organization's requests and decisions to no one", async () => {
    const [mine, theirs] = [await person(), await person()];
    const admin = await actorOf(await person({ admin: true }));
    await decideConnectionRequest(admin, await submit(theirs), { kind: "reject", reason: "Theirs" });
    const home = await memberDashboard(await actorOf(mine));
    expect(home.totals?.all).toBe(0);
    expect(home.decisions).toEqual([]);
    expect(home.needsChanges).toEqual([]);
  });
});

describe("a connection's sides at home", () => {
  it("a supplier sees what waits for its confirmation and its active count, not request counts it never makes", async () => {
    const supplier = await person({ type: "supplier" });
    const [first, second] = [await approvedConnection(await person(), supplier), await approvedConnection(await person(), supplier)];
    await confirmConnection(await actorOf(supplier), first.connection.id);
    await approvedConnection(await person(), await person({ type: "supplier" }));

    const home = await memberDashboard(await actorOf(supplier));
    expect(home.totals).toBeNull();
    expect(home.feedsNotLive).toBeNull();
    expect(home.supplier).toMatchObject({ waitingCount: 1, activeCount: 1, waiting: [expect.objectContaining({ id: second.connection.id })] });
  });

  it("a retailer sees the feeds of its active connections that are not live yet", async () => {
    const [retailer, supplier] = [await person(), await person({ type: "supplier" })];
    const { connection } = await approvedConnection(retailer, supplier);
    await approvedConnection(retailer, await person({ type: "supplier" }));
    expect((await memberDashboard(await actorOf(retailer))).feedsNotLive).toEqual({ count: 0, feeds: [] });

    await confirmConnection(await actorOf(supplier), connection.id);
    const [item] = connection.feeds.map((feed) => feed.integrationId);
    await moveFeed(await actorOf(retailer), connection.id, item!, { phase: "testing" });
    await moveFeed(await actorOf(retailer), connection.id, item!, { phase: "live" });
    const home = await memberDashboard(await actorOf(retailer));
    expect(home.supplier).toBeNull();
    expect(home.feedsNotLive).toEqual({ count: 1, feeds: [expect.objectContaining({ connectionId: connection.id, type: "order", phase: "setup" })] });
  });
});

describe("an admin's home", () => {
  it("shows the queue by state, the oldest pending request, what waits too long, the week's decisions and the data queue", async () => {
    const adminPerson = await person({ admin: true });
    const admin = await actorOf(adminPerson);
    const before = await adminDashboard(admin);
    const retailer = await person();
    const old = await submit(retailer, "Waiting Long Ltd");
    await db.connectionRequest.update({ where: { id: old }, data: { requestDate: new Date(Date.now() - 10 * day) } });
    await submit(retailer);
    await decideConnectionRequest(admin, await submit(retailer), { kind: "approve" });
    const failed = await createDataRequest(retailer.id, ["profile"]);
    await db.dataRequest.update({ where: { id: failed.requestId }, data: { status: "failed", failedAt: new Date() } });

    const home = await adminDashboard(admin);
    expect(home.totals.pending - before.totals.pending).toBe(2);
    expect(home.totals.approved - before.totals.approved).toBe(1);
    expect(home.oldestPending?.supplierName).toBe("Waiting Long Ltd");
    expect(home.oldestPending!.ageMs).toBeGreaterThanOrEqual(10 * day);
    expect(home.overdueDays).toBe(3);
    expect(home.overdue.count - before.overdue.count).toBe(1);
    expect(home.overdue.oldest[0]?.supplierName).toBe("Waiting Long Ltd");
    expect(home.week.approved - before.week.approved).toBe(1);
    expect(home.decisions[0]).toMatchObject({ decision: "approved" });
    expect(home.dataRequests.failed - before.dataRequests.failed).toBe(1);
  });

  it("is for admins only", async () => {
    await expect(adminDashboard(await actorOf(await person()))).rejects.toMatchObject({ code: "forbidden" });
  });
});
