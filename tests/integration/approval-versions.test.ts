import { describe, expect, it } from "vitest";
import { GET as history } from "@/app/api/timp/organizations/connections/request/[uuid]/history/route";
import { POST as approve } from "@/app/api/timp/organizations/connections/request/[uuid]/approve/route";
import { GET as detail, PATCH as patch } from "@/app/api/timp/organizations/connections/request/[uuid]/route";
import { db } from "@/lib/db/client";
import { jsonHeaders, person, unique, type Person } from "@/tests/support/fixtures";
import { callRoute } from "@/tests/support/route";

// Approval carries the version the admin read: an edit made since is never approved unseen.

const path = (id: string, action = "") => `/api/timp/organizations/connections/request/${id}/${action}`;
const stale = { detail: "This request changed since you opened it; review the changes and approve again." };

async function pendingRequest() {
  const retailer = await person();
  const row = await db.connectionRequest.create({
    data: { organizationId: retailer.organizationId!, requestedById: retailer.id, supplierName: `Supplier ${unique()}`, contactFullName: "Gina" },
  });
  return { retailer, id: row.id };
}
const read = async (who: Person, id: string) => {
  const response = await callRoute(detail, path(id), { headers: who.auth }, { uuid: id });
  return { etag: response.headers.get("etag"), body: await response.json() };
};
const edit = (who: Person, id: string, body: unknown) =>
  callRoute(patch, path(id), { method: "PATCH", headers: jsonHeaders(who.auth), body: JSON.stringify(body) }, { uuid: id });
const approveAs = (who: Person, id: string, init: { headers?: Record<string, string>; body?: string } = {}) =>
  callRoute(approve, path(id, "approve/"), { method: "POST", headers: { ...who.auth, ...init.headers }, body: init.body }, { uuid: id });
const untouched = async (id: string, supplierName: string) => {
  expect(await db.connectionRequest.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: "pending", decidedById: null, supplierName });
  expect(await db.connection.count({ where: { connectionRequestId: id } })).toBe(0);
  expect(await db.auditEvent.count({ where: { targetId: id, action: "connection_request.approve" } })).toBe(0);
};

describe("approve/ with the version the admin read", () => {
  it("GET names the version, in the body and as the ETag", async () => {
    const { retailer, id } = await pendingRequest();
    const { etag, body } = await read(retailer, id);
    expect(body.version).toBe((await db.connectionRequest.findUniqueOrThrow({ where: { id } })).updatedAt.getTime());
    expect(etag).toBe(`"${body.version}"`);
  });

  it("answers 409 with the detail and changes nothing when the request was edited since (If-Match, quoted or bare)", async () => {
    const { retailer, id } = await pendingRequest();
    const admin = await person({ admin: true });
    const seen = await read(admin, id);
    expect((await edit(retailer, id, { organization_name: "Edited Supply" })).status).toBe(204);

    for (const ifMatch of [seen.etag!, String(seen.body.version), `W/${seen.etag}`]) {
      const response = await approveAs(admin, id, { headers: { "if-match": ifMatch } });
      expect(response.status).toBe(409);
      expect(await response.json()).toEqual(stale);
    }
    await untouched(id, "Edited Supply");

    const current = await read(admin, id);
    expect(current.body.version).not.toBe(seen.body.version);
    expect((await approveAs(admin, id, { headers: { "if-match": current.etag! } })).status).toBe(204);
    expect((await db.connectionRequest.findUniqueOrThrow({ where: { id } })).status).toBe("approved");
  });

  it("takes the version in the JSON body too: stale 409, current 204, not a number 400", async () => {
    const { retailer, id } = await pendingRequest();
    const admin = await person({ admin: true });
    const seen = (await read(admin, id)).body.version;
    await edit(retailer, id, { additional_information: "Changed after the admin looked" });
    const withBody = (body: unknown) => approveAs(admin, id, { headers: { "content-type": "application/json" }, body: JSON.stringify(body) });

    const refused = await withBody({ version: seen });
    expect(refused.status).toBe(409);
    expect(await refused.json()).toEqual(stale);
    const invalid = await withBody({ version: "yesterday" });
    expect(invalid.status).toBe(400);
    expect(await invalid.json()).toEqual({ version: ["A valid integer is required."] });
    const name = (await db.connectionRequest.findUniqueOrThrow({ where: { id } })).supplierName;
    await untouched(id, name);

    expect((await withBody({ version: String((await read(admin, id)).body.version) })).status).toBe(204);
  });

  it("without a version approves as it always did, whatever was edited (and ignores a body that is not JSON)", async () => {
    const first = await pendingRequest();
    const admin = await person({ admin: true });
    await edit(first.retailer, first.id, { organization_name: "Edited Supply" });
    expect((await approveAs(admin, first.id)).status).toBe(204);
    expect((await approveAs(admin, (await pendingRequest()).id, { headers: { "content-type": "text/plain" }, body: "approve please" })).status).toBe(204);
    expect((await approveAs(admin, (await pendingRequest()).id, { headers: { "if-match": "*" } })).status).toBe(204);
    // Already decided: the state is said first, as before.
    const again = await approveAs(admin, first.id, { headers: { "if-match": '"1"' } });
    expect(again.status).toBe(422);
    expect(await again.json()).toEqual({ detail: "This request was already approved." });
  });
});

describe("every edit is on the request's timeline", () => {
  it("PATCH records connection_request.edited with who made it, in the history admins and members read", async () => {
    const { retailer, id } = await pendingRequest();
    await edit(retailer, id, { primary_contact_name: "Someone else" });
    const events = await db.event.findMany({ where: { connectionRequestId: id } });
    expect(events).toEqual([expect.objectContaining({ type: "connection_request.edited", actorId: retailer.id, organizationId: retailer.organizationId })]);
    const response = await callRoute(history, path(id, "history/"), { headers: retailer.auth }, { uuid: id });
    expect((await response.json()).history).toEqual([expect.objectContaining({ event: "edited", actor: expect.objectContaining({ uuid: retailer.id }) })]);
  });

  it("a refused edit (already decided) records nothing", async () => {
    const { retailer, id } = await pendingRequest();
    await approveAs(await person({ admin: true }), id);
    expect((await edit(retailer, id, { primary_contact_name: "Too late" })).status).toBe(422);
    expect(await db.event.count({ where: { connectionRequestId: id, type: "connection_request.edited" } })).toBe(0);
  });
});
