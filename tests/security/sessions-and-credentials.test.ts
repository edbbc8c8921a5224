import { describe, expect, it } from "vitest";
import { GET as listDataRequests } from "@/app/api/requests/route";
import { GET as listTimp, POST as createTimp } from "@/app/api/timp/organizations/connections/request/route";
import { actorForSession, createUserSession } from "@/lib/auth/sessions";
import { db } from "@/lib/db/client";
import { changeAccount } from "@/lib/users/accounts";
import { bearerFor, jsonHeaders, person, sessionCookie, validRequest } from "@/tests/support/fixtures";
import { callRoute } from "@/tests/support/route";

describe("each API accepts exactly one kind of credential", () => {
  it("an OAuth token on TIMP routes and a session JWT as a bearer token are 401", async () => {
    const who = await person();
    const { token } = await bearerFor(who.id);
    const cookie = await sessionCookie(who.id);
    const jwt = cookie.split("=")[1]!;
    expect((await callRoute(listTimp, "/api/timp/organizations/connections/request/", { headers: { authorization: `Bearer ${token}` } })).status).toBe(401);
    expect((await callRoute(listTimp, "/api/timp/organizations/connections/request/", { headers: { authorization: `Token ${token}` } })).status).toBe(401);
    expect((await callRoute(listDataRequests, "/api/requests", { headers: { authorization: `Bearer ${jwt}` } })).status).toBe(401);
    expect((await callRoute(listDataRequests, "/api/requests", { headers: { authorization: `Bearer ${who.token}` } })).status).toBe(401);
  });
});

describe("session revocation policy", () => {
  it("a role change or disabling signs the person out everywhere, at once", async () => {
    const who = await person();
    await person({ admin: true }); // so that disabling `who`, an admin by then, does not leave the platform without one
    const [first, second] = [await createUserSession(who.id), await createUserSession(who.id)];
    await changeAccount(db, who.email, { role: "admin" });
    expect(await actorForSession(first)).toBeNull();
    expect(await actorForSession(second)).toBeNull();
    const fresh = await createUserSession(who.id);
    expect((await actorForSession(fresh))?.role).toBe("admin");
    await changeAccount(db, who.email, { status: "disabled" });
    expect(await actorForSession(fresh)).toBeNull();
    expect((await callRoute(listTimp, "/x", { headers: who.auth })).status).toBe(401);
  });
});

describe("abuse limits", () => {
  it("creates are limited per person: 429 with Retry-After past the limit", async () => {
    const retailer = await person();
    let last: Response | undefined;
    for (let attempt = 0; attempt < 121; attempt++) {
      last = await callRoute(createTimp, "/x", { method: "POST", headers: jsonHeaders(retailer.auth), body: JSON.stringify(validRequest) });
      if (last.status === 429) break;
    }
    expect(last!.status).toBe(429);
    expect(Number(last!.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await db.connectionRequest.count({ where: { organizationId: retailer.organizationId! } })).toBe(120);
  });
});

describe("credential checks", () => {
  it("are limited per client address too, whatever accounts are tried", async () => {
    const { verifyCredentials } = await import("@/lib/auth/options");
    const headers = new Headers({ "x-portal-client-address": "10.200.0.7" });
    let refused: unknown;
    for (let attempt = 0; attempt < 101 && !refused; attempt++) {
      await verifyCredentials({ email: `spray-${attempt}@example.com`, password: "guess" }, headers).catch((error: unknown) => {
        refused = error;
      });
    }
    expect(refused).toMatchObject({ status: 429, retryAfterSeconds: expect.any(Number) });
  });

  it("self-registration is limited per e-mail address and per client address, before any password is hashed", async () => {
    const { registerAccount } = await import("@/lib/users/registration");
    const { registerSchema } = await import("@/lib/schemas/users");
    const input = (email: string) => registerSchema.parse({ email, password: "a long password here", firstName: "R", lastName: "" });
    const attempt = (email: string, address: string) => registerAccount(input(email), address).then(() => 201, (error: { status?: number }) => error.status);

    // The same address five times: one account, four conflicts, then the limit.
    const email = `again-${Date.now()}@example.com`;
    const perEmail = [];
    for (let n = 0; n < 6; n++) perEmail.push(await attempt(email, `10.210.0.${n}`));
    expect(perEmail).toEqual([201, 409, 409, 409, 409, 429]);

    // Twenty new addresses from one client, then the limit, whatever the address.
    const perAddress = [];
    for (let n = 0; n < 21; n++) perAddress.push(await attempt(`new-${n}-${Date.now()}@example.com`, "10.211.0.1"));
    expect(perAddress.slice(0, 20).every((status) => status === 201)).toBe(true);
    expect(perAddress[20]).toBe(429);
    expect(await db.user.count({ where: { email: { startsWith: "new-20-" } } })).toBe(0);
  });

  it("self-registration cannot choose a role (mass assignment)", async () => {
    const { registerSchema } = await import("@/lib/schemas/users");
    const { createAccount } = await import("@/lib/users/accounts");
    const input = registerSchema.parse({ email: `r-${Date.now()}@example.com`, password: "a long password here", firstName: "R", lastName: "", role: "admin", status: "active" });
    expect(input).not.toHaveProperty("role");
    const account = await createAccount(db, input, { joinExisting: false });
    expect(account.role).toBe("member");
  });
});
