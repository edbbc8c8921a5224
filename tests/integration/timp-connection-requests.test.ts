import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { jsonHeaders, person, validRequest, type Person } from "@/tests/support/fixtures";
import { callRoute } from "@/tests/support/route";
import { DELETE, GET, POST } from "@/app/api/timp/organizations/connections/request/route";

const path = "/api/timp/organizations/connections/request/";

const create = (who: Person, body: unknown, headers: Record<string, string> = {}) =>
  callRoute(POST, path, { method: "POST", headers: { ...jsonHeaders(who.auth), ...headers }, body: JSON.stringify(body) });
const list = (who: Person, query = "") => callRoute(GET, `${path}${query}`, { headers: who.auth });

async function createMany(who: Person, count: number) {
  const ids: string[] = [];
  for (let index = 0; index < count; index++) {
    const response = await create(who, { ...validRequest, organization_name: `Supplier ${index}` });
    ids.push((await response.json()).request_uuid);
  }
  return ids;
}

describe("GET connection requests", () => {
  it("answers the seed's shape for an organization with no requests", async () => {
    const retailer = await person();
    const response = await list(retailer);
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("private, no-store");
    expect(await response.json()).toEqual({ requests: [], pagination: { total_count: 0, start: 0, limit: 50 } });
  });

  it("returns every documented field with its type, newest first", async () => {
    const retailer = await person();
    const [older, newer] = await createMany(retailer, 2);
    const { requests } = await (await list(retailer)).json();
    expect(requests.map((r: { record_uuid: string }) => r.record_uuid)).toEqual([newer, older]);
    expect(requests[0]).toEqual({
      record_uuid: newer,
      integrations: [
        {
          record_uuid: expect.any(String),
          integration_type: "item",
          update_frequency: "0 2 * * *",
          feed_source_file_locations: "https://files.globex.example/items/",
          file_specs: "CSV",
          rules: "none",
          date_created: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
        },
      ],
      uploaded_files: [],
      org_name: "Supplier 1",
      org_contact_full_name: "Gina Globex",
      primary_contact_phone: "+1 555 0100",
      primary_contact_email: "gina@globex.example",
      retailer_account_number: "ACC-1",
      additional_information: "Please connect us.",
      request_date: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      is_approved: false,
      approved_by: null,
      status: "pending",
      rejection_reason: null,
      decided_at: null,
      requested_by: { uuid: retailer.id, first_name: "Test", last_name: expect.any(String), email: retailer.email, phone: "", job_title: "" },
      version: expect.any(Number),
    });
  });

  it("applies limit and start as the mirrored API documents", async () => {
    const retailer = await person();
    const ids = (await createMany(retailer, 3)).reverse();
    const page = async (query: string) => {
      const response = await list(retailer, query);
      expect(response.status).toBe(200);
      const body = await response.json();
      return { ids: body.requests.map((r: { record_uuid: string }) => r.record_uuid), pagination: body.pagination };
    };
    expect(await page("?limit=0")).toEqual({ ids: [], pagination: { total_count: 3, start: 0, limit: 0 } });
    expect(await page("?limit=1")).toEqual({ ids: [ids[0]], pagination: { total_count: 3, start: 0, limit: 1 } });
    expect(await page("?limit=1&start=1")).toEqual({ ids: [ids[1]], pagination: { total_count: 3, start: 1, limit: 1 } });
    expect((await page("?limit=100")).pagination.limit).toBe(100);
    expect((await page("?limit=101")).pagination.limit).toBe(100);
    expect((await page("?limit=1000000")).pagination.limit).toBe(100);
    expect(await page("?start=2")).toEqual({ ids: [ids[2]], pagination: { total_count: 3, start: 2, limit: 50 } });
    expect(await page("?start=3")).toEqual({ ids: [], pagination: { total_count: 3, start: 3, limit: 50 } });
    expect(await page("?start=4")).toEqual({ ids: [], pagination: { total_count: 3, start: 3, limit: 50 } });
    expect(await page("?start=999999999")).toEqual({ ids: [], pagination: { total_count: 3, start: 3, limit: 50 } });
  });

  it("names bad limit and start values per field", async () => {
    const retailer = await person();
    const bad = async (query: string) => {
      const response = await list(retailer, query);
      expect(response.status).toBe(400);
      return response.json();
    };
    expect(await bad("?limit=-1")).toEqual({ limit: ["Ensure this value is greater than or equal to 0."] });
    expect(await bad("?limit=abc&start=1.5")).toEqual({ limit: ["A valid integer is required."], start: ["A valid integer is required."] });
    expect(await bad("?start=-5")).toEqual({ start: ["Ensure this value is greater than or equal to 0."] });
    expect(await bad("?limit=99999999999999999999")).toEqual({ limit: ["A valid integer is required."] });
    expect(await bad("?status=open")).toEqual({ status: [expect.stringMatching(/pending, changes_requested, approved, rejected/)] });
    // PostgreSQL cannot compare text with U+0000: refused before any query, on both engines.
    expect(await bad("?q=a%00b")).toEqual({ q: ["Null characters are not allowed."] });
  });

  it("filters by status and by supplier name", async () => {
    const retailer = await person();
    await createMany(retailer, 2);
    const body = await (await list(retailer, "?q=plier%201")).json();
    expect(body.requests.map((r: { org_name: string }) => r.org_name)).toEqual(["Supplier 1"]);
    expect((await (await list(retailer, "?status=approved")).json()).pagination.total_count).toBe(0);
    expect((await (await list(retailer, "?status=pending")).json()).pagination.total_count).toBe(2);
  });

  it("shows members only their organization's requests, and admins all", async () => {
    const [a, b, admin] = [await person(), await person(), await person({ admin: true })];
    const [mine] = await createMany(a, 1);
    const [theirs] = await createMany(b, 1);
    const seenBy = async (who: Person) =>
      (await (await list(who, "?limit=100")).json()).requests.map((r: { record_uuid: string }) => r.record_uuid);
    expect(await seenBy(a)).toEqual([mine]);
    expect(await seenBy(b)).toEqual([theirs]);
    expect(await seenBy(admin)).toEqual(expect.arrayContaining([mine, theirs]));
  });
});

describe("POST connection requests", () => {
  it("creates a request and answers 201 with its uuid and date", async () => {
    const retailer = await person();
    const response = await create(retailer, validRequest);
    expect(response.status).toBe(201);
    const body = await response.json();
    expect(body).toEqual({ request_uuid: expect.stringMatching(/^[0-9a-f-]{36}$/), request_date: expect.stringMatching(/Z$/) });
    expect(body.request_uuid[14]).toBe("4"); // UUID v4
    const stored = await db.connectionRequest.findUniqueOrThrow({ where: { id: body.request_uuid }, include: { integrations: true } });
    expect(stored).toMatchObject({ organizationId: retailer.organizationId, status: "pending", supplierName: "Globex Supply" });
    expect(await db.auditEvent.count({ where: { targetId: body.request_uuid, action: "connection_request.create" } })).toBe(1);
  });

  it("accepts the mirrored API's aliases and plural integration types", async () => {
    const retailer = await person();
    const response = await create(retailer, {
      organization_name: "Initech",
      primary_contact_name: "Ivan",
      requested_integrations: [
        { type: "Items", update_frequency: "*/15 * * * *", file_locations: ["https://a.example/1", "sftp://b.example/2"] },
        { type: "orders", update_frequency: "0 0 6 * * 1-5" },
      ],
    });
    expect(response.status).toBe(201);
    const { request_uuid } = await response.json();
    const integrations = await db.integration.findMany({ where: { connectionRequestId: request_uuid }, orderBy: { position: "asc" } });
    expect(integrations.map((i) => [i.type, i.updateFrequency, i.fileLocations])).toEqual([
      ["item", "*/15 * * * *", "https://a.example/1\nsftp://b.example/2"],
      ["order", "0 0 6 * * 1-5", null],
    ]);
  });

  it("ignores fields a client must not set (status, approval, requester)", async () => {
    const retailer = await person();
    const other = await person({ admin: true });
    const response = await create(retailer, {
      ...validRequest,
      status: "approved",
      is_approved: true,
      approved_by: { uuid: other.id },
      requested_by: other.id,
      request_date: "2000-01-01T00:00:00.000Z",
    });
    const stored = await db.connectionRequest.findUniqueOrThrow({ where: { id: (await response.json()).request_uuid } });
    expect(stored).toMatchObject({ status: "pending", decidedById: null, requestedById: retailer.id });
    expect(stored.requestDate.getFullYear()).toBeGreaterThan(2020);
  });

  it("names each problem with the body per field, and stores nothing", async () => {
    const retailer = await person();
    const expectFieldErrors = async (body: unknown, expected: Record<string, unknown>) => {
      const response = await create(retailer, body);
      expect(response.status).toBe(400);
      expect(await response.json()).toEqual(expected);
    };
    await expectFieldErrors({}, { organization_name: ["This field is required."], primary_contact_name: ["This field is required."] });
    await expectFieldErrors(
      { organization_name: 42, primary_contact_name: "", primary_contact_email: "nope", primary_contact_phone: "1".repeat(21) },
      {
        organization_name: ["Not a valid string."],
        primary_contact_name: ["This field may not be blank."],
        primary_contact_email: ["Enter a valid email address."],
        primary_contact_phone: ["Ensure this field has no more than 20 characters."],
      },
    );
    await expectFieldErrors(
      { ...validRequest, integrations: [validRequest.integrations[0], { type: "order", update_frequency: "https://evil.example/feed" }] },
      { "integrations[1].update_frequency": [expect.stringMatching(/^Enter a cron expression of 5 fields/)] },
    );
    await expectFieldErrors(
      { ...validRequest, integrations: [{ type: "invoice", update_frequency: "* * * *" }] },
      {
        "integrations[0].type": [expect.stringMatching(/not a valid choice/)],
        "integrations[0].update_frequency": [expect.stringMatching(/^Enter a cron expression/)],
      },
    );
    await expectFieldErrors({ ...validRequest, integrations: "item" }, { integrations: ["Expected a list of integrations."] });
    await expectFieldErrors([validRequest], { detail: "Invalid data. Expected a dictionary." });
    expect(await db.connectionRequest.count({ where: { organizationId: retailer.organizationId! } })).toBe(0);
  });

  it("accepts only its own organization's uploads", async () => {
    const [retailer, other] = [await person(), await person()];
    const file = await db.uploadedFile.create({
      data: { organizationId: other.organizationId!, name: "x.csv", contentType: "text/plain", size: 1, sha256: "0", content: new Uint8Array([65]) },
    });
    const unknown = crypto.randomUUID();
    const response = await create(retailer, { ...validRequest, uploaded_files: [{ uuid: file.id, name: "x.csv" }, unknown] });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      uploaded_files: [
        `No uploaded file "${file.id}" belongs to your organization.`,
        `No uploaded file "${unknown}" belongs to your organization.`,
      ],
    });
    const malformed = await create(retailer, { ...validRequest, uploaded_files: ["not-a-uuid"] });
    expect(await malformed.json()).toEqual({ "uploaded_files[0]": [expect.stringMatching(/uuid|File object/i)] });
  });

  it("refuses suppliers with 409 and platform admins likewise", async () => {
    for (const who of [await person({ type: "supplier" }), await person({ admin: true })]) {
      const response = await create(who, validRequest);
      expect(response.status).toBe(409);
      expect(await response.json()).toEqual({ detail: "Only members of a retailer organization can request connections." });
    }
  });

  it("refuses a body that is not JSON with 415", async () => {
    const retailer = await person();
    const response = await callRoute(POST, path, { method: "POST", headers: { ...retailer.auth, "content-type": "text/csv" }, body: "a,b" });
    expect(response.status).toBe(415);
  });

  it("creates once per Idempotency-Key and refuses the key with another body", async () => {
    const retailer = await person();
    const key = { "idempotency-key": `key-${crypto.randomUUID()}` };
    const first = await create(retailer, validRequest, key);
    const again = await create(retailer, validRequest, key);
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(await again.json()).toEqual(await first.json());
    expect(await db.connectionRequest.count({ where: { organizationId: retailer.organizationId! } })).toBe(1);

    const different = await create(retailer, { ...validRequest, organization_name: "Someone else" }, key);
    expect(different.status).toBe(422);
    expect(await different.json()).toEqual({ detail: "This Idempotency-Key was already used for a different request." });
    expect(await db.connectionRequest.count({ where: { organizationId: retailer.organizationId! } })).toBe(1);
  });

  it("answers unsupported methods with 405 and Allow", async () => {
    const retailer = await person();
    const response = await callRoute(DELETE, path, { method: "DELETE", headers: retailer.auth });
    expect(response.status).toBe(405);
    expect(response.headers.get("allow")).toBe("GET, POST, OPTIONS");
  });
});
