import { describe, expect, it } from "vitest";
import { POST as createRoute } from "@/app/api/timp/organizations/connections/request/route";
import { db } from "@/lib/db/client";
import { jsonHeaders, person, validRequest, type Person } from "@/tests/support/fixtures";
import { callRoute } from "@/tests/support/route";
import { GET, PATCH, PUT } from "@/app/api/timp/organizations/connections/request/[uuid]/route";

const base = "/api/timp/organizations/connections/request/";

async function newRequest(who: Person, body: object = validRequest): Promise<string> {
  const response = await callRoute(createRoute, base, { method: "POST", headers: jsonHeaders(who.auth), body: JSON.stringify(body) });
  return (await response.json()).request_uuid;
}
const detail = (who: Person, id: string) => callRoute(GET, `${base}${id}/`, { headers: who.auth }, { uuid: id });
const patch = (who: Person, id: string, body: unknown) =>
  callRoute(PATCH, `${base}${id}/`, { method: "PATCH", headers: jsonHeaders(who.auth), body: JSON.stringify(body) }, { uuid: id });

describe("GET one connection request", () => {
  it("returns the request to its organization and to admins", async () => {
    const [retailer, admin] = [await person(), await person({ admin: true })];
    const id = await newRequest(retailer);
    for (const who of [retailer, admin]) {
      const response = await detail(who, id);
      expect(response.status).toBe(200);
      expect(await response.json()).toMatchObject({ record_uuid: id, org_name: "Globex Supply", status: "pending" });
    }
  });

  it("answers 404 for another organization's request, an unknown id and a malformed one", async () => {
    const [retailer, other] = [await person(), await person()];
    const id = await newRequest(retailer);
    for (const [who, target] of [[other, id], [retailer, crypto.randomUUID()], [retailer, "not-a-uuid"]] as const) {
      const response = await detail(who, target);
      expect(response.status).toBe(404);
      expect(await response.json()).toEqual({ detail: "Not found." });
    }
  });
});

describe("PATCH one connection request", () => {
  it("changes the fields given, keeps the others, answers 204", async () => {
    const retailer = await person();
    const id = await newRequest(retailer);
    const response = await patch(retailer, id, { primary_contact_phone: "+44 20 0000", additional_information: "Updated" });
    expect(response.status).toBe(204);
    expect(await response.text()).toBe("");
    expect(await (await detail(retailer, id)).json()).toMatchObject({
      org_name: "Globex Supply",
      primary_contact_phone: "+44 20 0000",
      additional_information: "Updated",
    });
  });

  it("replaces the integrations, keeping the ids of those sent back", async () => {
    const retailer = await person();
    const id = await newRequest(retailer, {
      ...validRequest,
      integrations: [
        { type: "item", update_frequency: "0 2 * * *" },
        { type: "order", update_frequency: "0 3 * * *" },
      ],
    });
    const before = (await (await detail(retailer, id)).json()).integrations;
    const response = await patch(retailer, id, {
      integrations: [
        { record_uuid: before[1].record_uuid, type: "orders", update_frequency: "0 4 * * *" },
        { type: "tracking", update_frequency: "*/5 * * * *" },
      ],
    });
    expect(response.status).toBe(204);
    const after = (await (await detail(retailer, id)).json()).integrations;
    expect(after.map((i: { integration_type: string }) => i.integration_type)).toEqual(["order", "tracking"]);
    expect(after[0].record_uuid).toBe(before[1].record_uuid);
    expect(after[0].update_frequency).toBe("0 4 * * *");
    expect(after.map((i: { record_uuid: string }) => i.record_uuid)).not.toContain(before[0].record_uuid);
  });

  it("refuses an integration id that is not this request's", async () => {
    const retailer = await person();
    const id = await newRequest(retailer);
    const response = await patch(retailer, id, { integrations: [{ record_uuid: crypto.randomUUID(), type: "item", update_frequency: "0 1 * * *" }] });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ "integrations[0].record_uuid": ["No integration with this id belongs to this request."] });
  });

  it("answers 422 once the request is decided, and changes nothing", async () => {
    const retailer = await person();
    const id = await newRequest(retailer);
    await db.connectionRequest.update({ where: { id }, data: { status: "approved", decidedAt: new Date() } });
    const response = await patch(retailer, id, { organization_name: "Changed" });
    expect(response.status).toBe(422);
    expect(await response.json()).toEqual({ detail: "This request has been approved and can no longer be changed." });
    expect((await db.connectionRequest.findUniqueOrThrow({ where: { id } })).supplierName).toBe("Globex Supply");
  });

  it("answers 404 to another organization and 403 to admins, changing nothing", async () => {
    const [retailer, other, admin] = [await person(), await person(), await person({ admin: true })];
    const id = await newRequest(retailer);
    expect((await patch(other, id, { organization_name: "Hijacked" })).status).toBe(404);
    expect((await patch(admin, id, { organization_name: "Hijacked" })).status).toBe(403);
    expect((await db.connectionRequest.findUniqueOrThrow({ where: { id } })).supplierName).toBe("Globex Supply");
  });

  it("validates like create, ignores status, and refuses PUT", async () => {
    const retailer = await person();
    const id = await newRequest(retailer);
    const invalid = await patch(retailer, id, { organization_name: "", primary_contact_email: "x" });
    expect(invalid.status).toBe(400);
    expect(await invalid.json()).toEqual({
      organization_name: ["This field may not be blank."],
      primary_contact_email: ["Enter a valid email address."],
    });
    expect((await patch(retailer, id, { status: "approved", is_approved: true })).status).toBe(204);
    expect((await db.connectionRequest.findUniqueOrThrow({ where: { id } })).status).toBe("pending");
    const put = await callRoute(PUT, `${base}${id}/`, { method: "PUT", headers: retailer.auth }, { uuid: id });
    expect(put.status).toBe(405);
    expect(put.headers.get("allow")).toBe("GET, PATCH, OPTIONS");
  });
});
