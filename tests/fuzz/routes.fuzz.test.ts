import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { POST as createDataRequest } from "@/app/api/requests/route";
import { POST as token } from "@/app/api/oauth/token/route";
import { POST as reject } from "@/app/api/timp/organizations/connections/request/[uuid]/reject/route";
import { PATCH as patch } from "@/app/api/timp/organizations/connections/request/[uuid]/route";
import { GET as list, POST as create } from "@/app/api/timp/organizations/connections/request/route";
import { POST as upload } from "@/app/api/timp/organizations/files/upload/route";
import { POST as login } from "@/app/api/timp/organizations/user-login/route";
import { db } from "@/lib/db/client";
import { bearerFor, person, validRequest } from "@/tests/support/fixtures";
import { callRoute } from "@/tests/support/route";

/**
 * Property-based fuzzing of every route that reads input: whatever arrives, the answer is a clear
 * 4xx with a JSON body (or a success), never a 5xx, and a refused request changes nothing.
 */
const hostileKeys = fc.constantFrom("__proto__", "constructor", "prototype", "toString", "organization_name", "integrations", "limit", "dataRequested");
const oddStrings = fc.oneof(
  fc.string(),
  fc.string({ unit: "grapheme", maxLength: 50 }),
  fc.constantFrom("", " ", "\u0000", "\uFEFF", "\u202E", "𝔘𝔫𝔦𝔠𝔬𝔡𝔢", "'; DROP TABLE \"User\"; --", "../../etc/passwd", "null", "NaN", "-1", "1e309"),
  fc.constant("x".repeat(300_000)),
);
const jsonValue = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: "small" },
    oddStrings,
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie("value"), { maxLength: 5 }),
    fc.dictionary(fc.oneof(hostileKeys, fc.string()), tie("value"), { maxKeys: 6 }),
  ),
})).value;
const deepNesting = fc.integer({ min: 50, max: 5000 }).map((depth) => "[".repeat(depth) + "]".repeat(depth));
const rawBody = fc.oneof(
  jsonValue.map((value) => JSON.stringify(value) ?? "null"),
  fc.string(),
  deepNesting,
  fc.constantFrom("{", "{\"a\":", "\u0000", "{\"__proto__\": {\"isAdmin\": true}}", "[1,2,3]", "true"),
);
const contentType = fc.constantFrom("application/json", "application/json; charset=utf-8", "text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "", "application/vnd.api+json");

async function expectClientErrorOrSuccess(response: Response) {
  expect(response.status).toBeLessThan(500);
  if (response.status >= 400) {
    const body = await response.json();
    expect(typeof body).toBe("object");
    expect(JSON.stringify(body).length).toBeGreaterThan(2);
  }
  return response.status;
}

const runs = { numRuns: 40 };

describe("fuzzing the routes", () => {
  it("TIMP create: never a 5xx; a refused body stores nothing", async () => {
    const retailer = await person();
    await fc.assert(
      fc.asyncProperty(rawBody, contentType, async (body, type) => {
        const before = await db.connectionRequest.count({ where: { organizationId: retailer.organizationId! } });
        const status = await expectClientErrorOrSuccess(
          await callRoute(create, "/api/timp/organizations/connections/request/", { method: "POST", headers: { ...retailer.auth, ...(type ? { "content-type": type } : {}) }, body }),
        );
        const after = await db.connectionRequest.count({ where: { organizationId: retailer.organizationId! } });
        expect(after - before).toBe(status === 201 ? 1 : 0);
      }),
      runs,
    );
  });

  it("TIMP create with a valid shape and hostile values", async () => {
    const retailer = await person();
    await fc.assert(
      fc.asyncProperty(fc.dictionary(fc.constantFrom(...Object.keys(validRequest), "requested_integrations", "uploaded_files", "__proto__"), jsonValue), async (overrides) => {
        await expectClientErrorOrSuccess(
          await callRoute(create, "/api/timp/organizations/connections/request/", {
            method: "POST",
            headers: { ...retailer.auth, "content-type": "application/json" },
            body: JSON.stringify({ ...validRequest, ...overrides }),
          }),
        );
      }),
      runs,
    );
  });

  it("TIMP list: any query string, repeated parameters included", async () => {
    const retailer = await person();
    const param = fc.tuple(fc.constantFrom("limit", "start", "status", "q", "limit", "__proto__"), oddStrings.filter((s) => s.length < 1000));
    await fc.assert(
      fc.asyncProperty(fc.array(param, { maxLength: 6 }), async (params) => {
        const query = new URLSearchParams(params).toString();
        await expectClientErrorOrSuccess(await callRoute(list, `/api/timp/organizations/connections/request/?${query}`, { headers: retailer.auth }));
      }),
      runs,
    );
  });

  it("TIMP patch and reject: never a 5xx, and the request is unchanged when refused", async () => {
    const retailer = await person();
    const admin = await person({ admin: true });
    const request = await db.connectionRequest.create({
      data: { organizationId: retailer.organizationId!, requestedById: retailer.id, supplierName: "Fuzz", contactFullName: "F" },
    });
    await fc.assert(
      fc.asyncProperty(rawBody, contentType, async (body, type) => {
        const headers = { ...(type ? { "content-type": type } : {}) };
        // A body fast-check builds can be a valid patch (say {"organization_name": "x"}), so compare
        // with the row as this run found it, not as the test created it.
        const current = () => db.connectionRequest.findUniqueOrThrow({ where: { id: request.id } });
        const before = await current();
        const patched = await expectClientErrorOrSuccess(
          await callRoute(patch, "/x", { method: "PATCH", headers: { ...retailer.auth, ...headers }, body }, { uuid: request.id }),
        );
        const afterPatch = await current();
        if (patched >= 400) expect(afterPatch).toEqual(before);
        const rejected = await expectClientErrorOrSuccess(await callRoute(reject, "/x", { method: "POST", headers: { ...admin.auth, ...headers }, body }, { uuid: request.id }));
        if (rejected >= 400) expect(await current()).toEqual(afterPatch);
      }),
      { numRuns: 25 },
    );
  });

  it("user-login: never a 5xx", async () => {
    await fc.assert(
      fc.asyncProperty(rawBody, contentType, fc.integer({ min: 1, max: 250 }), async (body, type, octet) => {
        await expectClientErrorOrSuccess(
          await callRoute(login, "/api/timp/organizations/user-login/", {
            method: "POST",
            headers: { ...(type ? { "content-type": type } : {}), "x-portal-client-address": `10.77.${octet}.1` },
            body,
          }),
        );
      }),
      runs,
    );
  });

  it("upload: any bytes and any content type, never a 5xx", async () => {
    const retailer = await person();
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 2000 }), contentType, async (bytes, type) => {
        const before = await db.uploadedFile.count({ where: { organizationId: retailer.organizationId! } });
        const status = await expectClientErrorOrSuccess(
          await callRoute(upload, "/api/timp/organizations/files/upload/", { method: "POST", headers: { ...retailer.auth, ...(type ? { "content-type": type } : {}) }, body: bytes }),
        );
        const after = await db.uploadedFile.count({ where: { organizationId: retailer.organizationId! } });
        expect(after - before).toBe(status === 201 ? 1 : 0);
      }),
      runs,
    );
  });

  it("data requests: never a 5xx; a refused body files nothing", async () => {
    const who = await person();
    const { auth } = await bearerFor(who.id);
    await fc.assert(
      fc.asyncProperty(rawBody, contentType, async (body, type) => {
        await db.dataRequest.deleteMany({ where: { userId: who.id } }); // stay under the open-request limit
        const status = await expectClientErrorOrSuccess(
          await callRoute(createDataRequest, "/api/requests", { method: "POST", headers: { ...auth, ...(type ? { "content-type": type } : {}) }, body }),
        );
        expect(await db.dataRequest.count({ where: { userId: who.id } })).toBe(status === 201 ? 1 : 0);
      }),
      runs,
    );
  });

  it("OAuth token endpoint: any form, never a 5xx, never a token", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(fc.constantFrom("grant_type", "code", "client_id", "client_secret", "refresh_token", "code_verifier", "scope"), oddStrings.filter((s) => s.length < 2000)), { maxLength: 6 }), contentType, async (params, type) => {
        const response = await callRoute(token, "/api/oauth/token", {
          method: "POST",
          headers: { ...(type ? { "content-type": type } : {}), "x-portal-client-address": "10.88.0.1" },
          body: new URLSearchParams(params).toString(),
        });
        const status = await expectClientErrorOrSuccess(response);
        expect(status).toBeGreaterThanOrEqual(400);
      }),
      runs,
    );
  });
});
