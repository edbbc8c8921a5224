import { describe, expect, it } from "vitest";
import { GET as listRequests } from "@/app/api/timp/organizations/connections/request/route";
import { db } from "@/lib/db/client";
import { person, unique } from "@/tests/support/fixtures";
import { callRoute } from "@/tests/support/route";
import { GET, POST } from "@/app/api/timp/organizations/user-login/route";

const login = (body: unknown, headers: Record<string, string> = {}) =>
  callRoute(POST, "/api/timp/organizations/user-login/", {
    method: "POST",
    headers: { "content-type": "application/json", "x-portal-client-address": `10.0.${Math.floor(Math.random() * 250)}.1`, ...headers },
    body: JSON.stringify(body),
  });

describe("POST /timp/organizations/user-login/", () => {
  it("returns a token and the organization fields the mirrored API documents", async () => {
    const retailer = await person({ type: "retailer" });
    const response = await login({ username: retailer.email, password: "a long test password" });
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body).toEqual({
      auth_token: expect.stringMatching(/^timp_[\w-]{43}$/),
      org_uuid: retailer.organizationId,
      user_uuid: retailer.id,
      retailer_uuid: retailer.organizationId,
      supplier_uuid: "",
      org_type: "RETAILER",
      permission_assignments: expect.arrayContaining(["connections.request.create"]),
    });
    const list = await callRoute(listRequests, "/api/timp/organizations/connections/request/", {
      headers: { authorization: `Token ${body.auth_token}` },
    });
    expect(list.status).toBe(200);
  });

  it("names suppliers and platform admins by their type", async () => {
    const supplier = await person({ type: "supplier" });
    const admin = await person({ admin: true });
    const supplierBody = await (await login({ username: supplier.email, password: "a long test password" })).json();
    expect(supplierBody).toMatchObject({ org_type: "SUPPLIER", supplier_uuid: supplier.organizationId, retailer_uuid: "" });
    const adminBody = await (await login({ username: admin.email, password: "a long test password" })).json();
    expect(adminBody).toMatchObject({ org_type: "PLATFORM", org_uuid: "", retailer_uuid: "", supplier_uuid: "" });
  });

  it("stores only a hash of the token, expiring two hours after issue", async () => {
    const retailer = await person();
    const before = Date.now();
    const { auth_token } = await (await login({ username: retailer.email, password: "a long test password" })).json();
    const stored = await db.apiToken.findFirstOrThrow({ where: { userId: retailer.id, name: "user-login" }, omit: { tokenHash: false } });
    expect(stored.tokenHash).not.toContain(auth_token);
    expect(stored.tokenHash).toMatch(/^[0-9a-f]{64}$/);
    const lifetime = stored.expiresAt.getTime() - before;
    expect(lifetime).toBeGreaterThan(2 * 3600_000 - 5_000);
    expect(lifetime).toBeLessThanOrEqual(2 * 3600_000 + 5_000);
  });

  it("answers a wrong password and an unknown user identically", async () => {
    const retailer = await person();
    const wrong = await login({ username: retailer.email, password: "not the password" });
    const unknown = await login({ username: `nobody-${unique()}@example.com`, password: "not the password" });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    const expected = { detail: "Unable to log in with provided credentials." };
    expect(await wrong.json()).toEqual(expected);
    expect(await unknown.json()).toEqual(expected);
  });

  it("names missing fields, and refuses non-JSON and malformed JSON", async () => {
    const missing = await login({});
    expect(missing.status).toBe(400);
    expect(await missing.json()).toEqual({ username: ["This field is required."], password: ["This field is required."] });

    const form = await callRoute(POST, "/api/timp/organizations/user-login/", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "username=a&password=b",
    });
    expect(form.status).toBe(415);
    expect((await form.json()).detail).toMatch(/Unsupported media type/);

    const malformed = await callRoute(POST, "/api/timp/organizations/user-login/", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: '{"username": ',
    });
    expect(malformed.status).toBe(400);
    expect((await malformed.json()).detail).toMatch(/^JSON parse error/);
  });

  it("limits attempts per account with 429 and Retry-After", async () => {
    const retailer = await person();
    let last: Response | undefined;
    for (let attempt = 0; attempt < 11; attempt++) {
      last = await login({ username: retailer.email, password: "wrong password" });
    }
    expect(last!.status).toBe(429);
    expect(Number(last!.headers.get("retry-after"))).toBeGreaterThan(0);
    // Even the right password waits until the window has passed.
    expect((await login({ username: retailer.email, password: "a long test password" })).status).toBe(429);
  });

  it("answers other methods with 405 and Allow", async () => {
    const response = await callRoute(GET, "/api/timp/organizations/user-login/");
    expect(response.status).toBe(405);
    expect(response.headers.get("allow")).toBe("POST, OPTIONS");
    expect(await response.json()).toEqual({ detail: 'Method "GET" not allowed.' });
  });
});
