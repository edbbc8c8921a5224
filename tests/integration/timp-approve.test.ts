import { describe, expect, it } from "vitest";
import { POST as reject } from "@/app/api/timp/organizations/connections/request/[uuid]/reject/route";
import { db } from "@/lib/db/client";
import { jsonHeaders, person, unique, type Person } from "@/tests/support/fixtures";
import { callRoute } from "@/tests/support/route";
import { POST as approve } from "@/app/api/timp/organizations/connections/request/[uuid]/approve/route";

async function pendingRequest(retailer: Person, supplierName = "Globex Supply") {
  return db.connectionRequest.create({
    data: { organizationId: retailer.organizationId!, requestedById: retailer.id, supplierName, contactFullName: "Gina", contactEmail: "g@x.example" },
  });
}
const url = (id: string, action: string) => `/api/timp/organizations/connections/request/${id}/${action}/`;
const approveAs = (who: Person, id: string) => callRoute(approve, url(id, "approve"), { method: "POST", headers: who.auth }, { uuid: id });
const rejectAs = (who: Person, id: string, body: unknown) =>
  callRoute(reject, url(id, "reject"), { method: "POST", headers: jsonHeaders(who.auth), body: JSON.stringify(body) }, { uuid: id });

describe("approve and reject", () => {
  it("approve: 204, the request approved, a connection created, one audit event", async () => {
    const [retailer, admin] = [await person(), await person({ admin: true })];
    const supplierName = `Supplier ${unique()}`;
    const supplier = await person({ type: "supplier", organizationName: supplierName });
    const request = await pendingRequest(retailer, supplierName.toUpperCase());
    const response = await approveAs(admin, request.id);
    expect(response.status).toBe(204);
    expect(await db.connectionRequest.findUniqueOrThrow({ where: { id: request.id } })).toMatchObject({
      status: "approved",
      decidedById: admin.id,
    });
    const connection = await db.connection.findUniqueOrThrow({ where: { connectionRequestId: request.id } });
    expect(connection).toMatchObject({ retailerOrganizationId: retailer.organizationId, supplierOrganizationId: supplier.organizationId });
    const audit = await db.auditEvent.findMany({ where: { targetId: request.id } });
    expect(audit).toEqual([
      expect.objectContaining({ action: "connection_request.approve", actorId: admin.id, fromState: "pending", toState: "approved" }),
    ]);
  });

  it("reject: needs a reason, records it, creates no connection", async () => {
    const [retailer, admin] = [await person(), await person({ admin: true })];
    const request = await pendingRequest(retailer);
    const missing = await rejectAs(admin, request.id, {});
    expect(missing.status).toBe(400);
    expect(await missing.json()).toEqual({ reason: ["This field is required."] });
    expect((await rejectAs(admin, request.id, { reason: "  " })).status).toBe(400);

    expect((await rejectAs(admin, request.id, { reason: "Not on the platform" })).status).toBe(204);
    expect(await db.connectionRequest.findUniqueOrThrow({ where: { id: request.id } })).toMatchObject({
      status: "rejected",
      rejectionReason: "Not on the platform",
    });
    expect(await db.connection.count({ where: { connectionRequestId: request.id } })).toBe(0);
  });

  it("a decided request cannot be decided again: 422, nothing changes", async () => {
    const [retailer, admin] = [await person(), await person({ admin: true })];
    const request = await pendingRequest(retailer);
    await approveAs(admin, request.id);
    for (const response of [await approveAs(admin, request.id), await rejectAs(admin, request.id, { reason: "late" })]) {
      expect(response.status).toBe(422);
      expect(await response.json()).toEqual({ detail: "This request was already approved." });
    }
    expect(await db.auditEvent.count({ where: { targetId: request.id } })).toBe(1);
    expect((await db.connectionRequest.findUniqueOrThrow({ where: { id: request.id } })).rejectionReason).toBeNull();
  });

  it("members get 403 and nothing changes; unknown ids 404", async () => {
    const [retailer, admin] = [await person(), await person({ admin: true })];
    const request = await pendingRequest(retailer);
    for (const response of [await approveAs(retailer, request.id), await rejectAs(retailer, request.id, {})]) {
      expect(response.status).toBe(403);
      expect(await response.json()).toEqual({ detail: "Only platform admins can approve, reject or send back connection requests." });
    }
    expect((await db.connectionRequest.findUniqueOrThrow({ where: { id: request.id } })).status).toBe("pending");
    expect(await db.auditEvent.count({ where: { targetId: request.id } })).toBe(0);
    expect((await approveAs(admin, crypto.randomUUID())).status).toBe(404);
    expect((await approveAs(admin, "nope")).status).toBe(404);
  });
});
