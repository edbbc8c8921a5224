import { describe, expect, it } from "vitest";
import { GET, POST } from "@/app/api/timp/organizations/connections/request/route";
import { db } from "@/lib/db/client";
import { hashSecret } from "@/lib/auth/secrets";
import { person, sessionCookie, validRequest } from "@/tests/support/fixtures";
import { callRoute } from "@/tests/support/route";

const path = "/api/timp/organizations/connections/request/";
const list = (headers: Record<string, string>, url = path) => callRoute(GET, url, { headers });

async function expect401(response: Response) {
  expect(response.status).toBe(401);
  expect(response.headers.get("www-authenticate")).toBe("Token");
  expect(await response.json()).toEqual({ detail: expect.any(String) });
}

describe("TIMP authentication", () => {
  it("accepts a valid token and records its last use", async () => {
    const retailer = await person();
    expect((await list(retailer.auth)).status).toBe(200);
    const record = await db.apiToken.findFirstOrThrow({ where: { tokenHash: hashSecret(retailer.token) } });
    expect(record.lastUsedAt).not.toBeNull();
  });

  it("refuses missing, forged, truncated and malformed credentials", async () => {
    const retailer = await person();
    await expect401(await list({}));
    await expect401(await list({ authorization: "Token timp_forged-token-value-that-does-not-exist-anywhere" }));
    await expect401(await list({ authorization: `Token ${retailer.token.slice(0, -3)}` }));
    await expect401(await list({ authorization: "Token" }));
    await expect401(await list({ authorization: `Token ${retailer.token} extra` }));
  });

  it("refuses other schemes and tokens outside the Authorization header", async () => {
    const retailer = await person();
    await expect401(await list({ authorization: `Bearer ${retailer.token}` }));
    await expect401(await list({ authorization: `Basic ${Buffer.from(`${retailer.email}:x`).toString("base64")}` }));
    await expect401(await list({}, `${path}?token=${retailer.token}`));
    await expect401(await list({}, `${path}?auth_token=${retailer.token}`));
  });

  it("refuses an expired token (user-login tokens last two hours), a revoked one, and a disabled account's", async () => {
    const expired = await person();
    await db.apiToken.updateMany({ where: { userId: expired.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    await expect401(await list(expired.auth));

    const revoked = await person();
    await db.apiToken.updateMany({ where: { userId: revoked.id }, data: { revokedAt: new Date() } });
    await expect401(await list(revoked.auth));

    const disabled = await person();
    await db.user.update({ where: { id: disabled.id }, data: { status: "disabled" } });
    await expect401(await list(disabled.auth));
  });

  it("accepts the portal's session cookie, and checks Origin on unsafe methods (CSRF)", async () => {
    const retailer = await person();
    const cookie = await sessionCookie(retailer.id);
    expect((await list({ cookie })).status).toBe(200);

    const create = (origin?: string) =>
      callRoute(POST, path, {
        method: "POST",
        headers: { cookie, "content-type": "application/json", ...(origin ? { origin } : {}) },
        body: JSON.stringify(validRequest),
      });
    for (const origin of [undefined, "null", "https://evil.example", "http://localhost:3001"]) {
      const refused = await create(origin);
      expect(refused.status).toBe(403);
      expect((await refused.json()).detail).toMatch(/^CSRF Failed/);
    }
    expect(await db.connectionRequest.count({ where: { requestedById: retailer.id } })).toBe(0);
    expect((await create("http://localhost:3000")).status).toBe(201);
  });

  it("refuses a session cookie after the session is revoked", async () => {
    const retailer = await person();
    const cookie = await sessionCookie(retailer.id);
    await db.userSession.updateMany({ where: { userId: retailer.id }, data: { revokedAt: new Date() } });
    await expect401(await list({ cookie }));
  });
});
