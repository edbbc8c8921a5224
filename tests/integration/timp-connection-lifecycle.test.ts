import { describe, expect, it } from "vitest";
import { PATCH as patchConnection } from "@/app/api/timp/organizations/connections/[uuid]/route";
import { POST as confirm } from "@/app/api/timp/organizations/connections/[uuid]/confirm/route";
import { POST as deactivate } from "@/app/api/timp/organizations/connections/[uuid]/deactivate/route";
import { POST as decline } from "@/app/api/timp/organizations/connections/[uuid]/decline/route";
import { PATCH as moveFeed } from "@/app/api/timp/organizations/connections/[uuid]/integrations/[integration_uuid]/route";
import { POST as approve } from "@/app/api/timp/organizations/connections/request/[uuid]/approve/route";
import { GET as detail } from "@/app/api/timp/organizations/connections/request/[uuid]/route";
import { db } from "@/lib/db/client";
import { nextRuns } from "@/lib/cron";
import { approvedConnection } from "@/tests/support/connections";
import { jsonHeaders, person, unique, type Person } from "@/tests/support/fixtures";
import { callRoute } from "@/tests/support/route";

const post = (handler: typeof confirm, who: Person, id: string, body?: unknown) =>
  callRoute(handler, "/x", { method: "POST", headers: jsonHeaders(who.auth), ...(body === undefined ? {} : { body: JSON.stringify(body) }) }, { uuid: id });
const patch = (who: Person, id: string, body: unknown) => callRoute(patchConnection, "/x", { method: "PATCH", headers: jsonHeaders(who.auth), body: JSON.stringify(body) }, { uuid: id });
const feed = (who: Person, id: string, integrationId: string, body: unknown) =>
  callRoute(moveFeed, "/x", { method: "PATCH", headers: jsonHeaders(who.auth), body: JSON.stringify(body) }, { uuid: id, integration_uuid: integrationId });
const events = (connectionId: string) => db.event.findMany({ where: { connectionId }, orderBy: { sequence: "asc" } });

async function pending(retailer: Person, supplierName: string) {
  return db.connectionRequest.create({ data: { organizationId: retailer.organizationId!, requestedById: retailer.id, supplierName, contactFullName: "Gina" } });
}

describe("approval creates a connection waiting for the supplier", () => {
  it("links the one supplier organization of the requested name (any case), in CONFIRMATION WAITING, with connection.created", async () => {
    const [retailer, admin] = [await person(), await person({ admin: true })];
    const name = `Supplier ${unique()}`;
    const supplier = await person({ type: "supplier", organizationName: name });
    const request = await pending(retailer, name.toUpperCase());
    expect((await callRoute(approve, "/x", { method: "POST", headers: admin.auth }, { uuid: request.id })).status).toBe(204);
    const connection = await db.connection.findUniqueOrThrow({ where: { connectionRequestId: request.id } });
    expect(connection).toMatchObject({ status: "confirmation_waiting", supplierOrganizationId: supplier.organizationId, activatedAt: null });
    expect(await events(connection.id)).toEqual([expect.objectContaining({ type: "connection.created", actorId: admin.id, organizationId: retailer.organizationId, toState: "CONFIRMATION WAITING" })]);
  });

  it("a retailer of that name is not linked; supplier_organization_uuid names the supplier, and must be one", async () => {
    const [retailer, admin, supplier] = [await person(), await person({ admin: true }), await person({ type: "supplier" })];
    const name = `Retail ${unique()}`;
    await person({ organizationName: name });
    const unlinked = await pending(retailer, name);
    expect((await callRoute(approve, "/x", { method: "POST", headers: admin.auth }, { uuid: unlinked.id })).status).toBe(204);
    expect((await db.connection.findUniqueOrThrow({ where: { connectionRequestId: unlinked.id } })).supplierOrganizationId).toBeNull();

    const request = await pending(retailer, "Whatever");
    const approveWith = (body: unknown, headers: Record<string, string> = {}) =>
      callRoute(approve, "/x", { method: "POST", headers: { ...jsonHeaders(admin.auth), ...headers }, body: JSON.stringify(body) }, { uuid: request.id });
    const notSupplier = await approveWith({ supplier_organization_uuid: retailer.organizationId });
    expect(notSupplier.status).toBe(400);
    expect(await notSupplier.json()).toEqual({ supplier_organization_uuid: ["This organization is not a supplier."] });
    expect(await (await approveWith({ supplier_organization_uuid: crypto.randomUUID() })).json()).toEqual({ supplier_organization_uuid: ["No organization has this uuid."] });
    expect((await approveWith({ supplier_organization_uuid: "nope" })).status).toBe(400);
    expect((await db.connectionRequest.findUniqueOrThrow({ where: { id: request.id } })).status).toBe("pending");

    // The version precondition still holds alongside the supplier.
    const etag = (await callRoute(detail, "/x", { headers: admin.auth }, { uuid: request.id })).headers.get("etag")!;
    expect((await approveWith({ supplier_organization_uuid: supplier.organizationId }, { "if-match": '"1"' })).status).toBe(409);
    expect((await approveWith({ supplier_organization_uuid: supplier.organizationId }, { "if-match": etag })).status).toBe(204);
    expect((await db.connection.findUniqueOrThrow({ where: { connectionRequestId: request.id } })).supplierOrganizationId).toBe(supplier.organizationId);
  });
});

describe("the supplier confirms or declines", () => {
  it("confirm: the supplier's member makes it ACTIVE; a second confirm is a 409 naming the state; the retailer: 403; a stranger: 404", async () => {
    const [retailer, supplier, stranger] = [await person(), await person({ type: "supplier" }), await person({ type: "supplier" })];
    const { connection, admin } = await approvedConnection(retailer, supplier);
    expect((await post(confirm, retailer, connection.id)).status).toBe(403);
    expect((await post(confirm, admin, connection.id)).status).toBe(403);
    expect((await post(confirm, stranger, connection.id)).status).toBe(404);
    const confirmed = await post(confirm, supplier, connection.id);
    expect(confirmed.status).toBe(200);
    const body = await confirmed.json();
    expect(body).toMatchObject({ uuid: connection.id, status: "ACTIVE", deactivated_date: null });
    expect(Date.parse(body.activated_date)).toBeGreaterThan(Date.now() - 60_000);
    const again = await post(confirm, supplier, connection.id);
    expect(again.status).toBe(409);
    expect((await again.json()).detail).toContain("ACTIVE");
    expect((await events(connection.id)).map((e) => [e.type, e.fromState, e.toState, e.actorId])).toEqual([
      ["connection.created", null, "CONFIRMATION WAITING", admin.id],
      ["connection.activated", "CONFIRMATION WAITING", "ACTIVE", supplier.id],
    ]);
  });

  it("decline needs a reason (1–2000) and makes it DEACTIVATED; then it can no longer be confirmed", async () => {
    const [retailer, supplier] = [await person(), await person({ type: "supplier" })];
    const { connection } = await approvedConnection(retailer, supplier);
    expect(await (await post(decline, supplier, connection.id, {})).json()).toEqual({ reason: ["This field is required."] });
    expect((await post(decline, supplier, connection.id, { reason: "x".repeat(2001) })).status).toBe(400);
    expect((await post(decline, retailer, connection.id, { reason: "mine" })).status).toBe(403);
    const declined = await post(decline, supplier, connection.id, { reason: "Not our customer." });
    expect(declined.status).toBe(200);
    expect(await declined.json()).toMatchObject({ status: "DEACTIVATED", activated_date: null, deactivated_date: expect.any(String) });
    expect((await post(confirm, supplier, connection.id)).status).toBe(409);
    expect((await events(connection.id)).at(-1)).toMatchObject({ type: "connection.declined", message: "Not our customer.", toState: "DEACTIVATED" });
  });
});

describe("deactivate", () => {
  it("either side or an admin, with a reason; final", async () => {
    for (const by of ["retailer", "supplier", "admin"] as const) {
      const [retailer, supplier] = [await person(), await person({ type: "supplier" })];
      const { connection, admin } = await approvedConnection(retailer, supplier);
      await post(confirm, supplier, connection.id);
      const who = { retailer, supplier, admin }[by];
      expect((await post(deactivate, who, connection.id, {})).status).toBe(400);
      const response = await post(deactivate, who, connection.id, { reason: "Contract ended." });
      expect(response.status).toBe(200);
      const body = await response.json();
      expect(body.status).toBe("DEACTIVATED");
      expect(Date.parse(body.deactivated_date)).toBeGreaterThan(Date.now() - 60_000);
      expect((await post(deactivate, who, connection.id, { reason: "again" })).status).toBe(409);
      expect((await events(connection.id)).at(-1)).toMatchObject({ type: "connection.deactivated", actorId: who.id, fromState: "ACTIVE", message: "Contract ended." });
    }
  });
});

describe("account numbers: each side sets its own", () => {
  it("supplier: suppliers_retailer_account_number; retailer: retailers_supplier_account_number; the other's: 403; unknown: 400", async () => {
    const [retailer, supplier] = [await person(), await person({ type: "supplier" })];
    const { connection, admin } = await approvedConnection(retailer, supplier, { accountNumber: "R-1" });
    const bySupplier = await patch(supplier, connection.id, { suppliers_retailer_account_number: "S-77" });
    expect(bySupplier.status).toBe(200);
    expect(await bySupplier.json()).toMatchObject({ suppliers_retailer_account_number: "S-77", retailers_supplier_account_number: null });
    const byRetailer = await patch(retailer, connection.id, { retailers_supplier_account_number: "V-9" });
    expect(await byRetailer.json()).toMatchObject({ suppliers_retailer_account_number: "S-77", retailers_supplier_account_number: "V-9" });
    expect((await patch(retailer, connection.id, { suppliers_retailer_account_number: "hack" })).status).toBe(403);
    expect((await patch(supplier, connection.id, { retailers_supplier_account_number: "hack" })).status).toBe(403);
    expect((await patch(admin, connection.id, { retailers_supplier_account_number: "hack" })).status).toBe(403);
    expect((await patch(retailer, connection.id, { status: "ACTIVE" })).status).toBe(400);
    expect((await patch(retailer, connection.id, {})).status).toBe(400);
    expect(await db.connection.findUniqueOrThrow({ where: { id: connection.id } })).toMatchObject({ suppliersRetailerAccountNumber: "S-77", retailersSupplierAccountNumber: "V-9", status: "confirmation_waiting" });
  });
});

describe("feeds", () => {
  it("each integration is a feed in setup; only an ACTIVE connection's move; live ones say when the next file is due", async () => {
    const [retailer, supplier] = [await person(), await person({ type: "supplier" })];
    const { connection, admin } = await approvedConnection(retailer, supplier);
    const item = connection.feeds.find((f) => f.integration.type === "item")!;
    expect(connection.feeds.map((f) => f.phase)).toEqual(["setup", "setup"]);
    expect((await feed(retailer, connection.id, item.integrationId, { phase: "testing" })).status).toBe(409);
    await post(confirm, supplier, connection.id);

    expect((await feed(retailer, connection.id, item.integrationId, { phase: "done" })).status).toBe(400);
    expect((await feed(retailer, connection.id, item.integrationId, { phase: "testing", note: "x".repeat(2001) })).status).toBe(400);
    expect((await feed(retailer, connection.id, item.integrationId, { phase: "live" })).status).toBe(409); // skips testing
    expect((await feed(retailer, connection.id, crypto.randomUUID(), { phase: "testing" })).status).toBe(404);

    expect((await feed(retailer, connection.id, item.integrationId, { phase: "testing", note: "First file in." })).status).toBe(200);
    const live = await feed(supplier, connection.id, item.integrationId, { phase: "live" });
    expect(live.status).toBe(200);
    const liveFeed = (await live.json()).feeds.find((f: { record_uuid: string }) => f.record_uuid === item.integrationId);
    expect(liveFeed.phase).toBe("live");
    const due = new Date(liveFeed.next_expected_date);
    expect(due.getUTCHours()).toBe(2);
    expect(due.getTime()).toBe(nextRuns("0 2 * * *", 1, new Date(Date.now() - 60_000))[0]!.getTime());

    const paused = await feed(admin, connection.id, item.integrationId, { phase: "paused" });
    expect((await paused.json()).feeds.find((f: { record_uuid: string }) => f.record_uuid === item.integrationId)).toMatchObject({ phase: "paused", next_expected_date: null });
    expect((await events(connection.id)).filter((e) => e.type === "connection.feed_phase_changed").map((e) => [e.fromState, e.toState, e.message])).toEqual([
      ["setup", "testing", "First file in."],
      ["testing", "live", null],
      ["live", "paused", null],
    ]);

    await post(deactivate, retailer, connection.id, { reason: "over" });
    expect((await feed(retailer, connection.id, item.integrationId, { phase: "live" })).status).toBe(409);
  });
});
