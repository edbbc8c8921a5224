import { expect, test } from "@playwright/test";

test.describe("foundation over HTTP", () => {
  test("health names the engine in use", async ({ request }) => {
    const response = await request.get("/api/health");
    expect(response.status()).toBe(200);
    expect(await response.json()).toEqual({
      status: "ok",
      database: process.env.DATABASE_URL ? "postgres" : "embedded",
    });
  });

  test("API paths answer with or without a trailing slash, never with a redirect", async ({ request }) => {
    const response = await request.get("/api/health/", { maxRedirects: 0 });
    expect(response.status()).toBe(200);
  });

  for (const path of ["/signin", "/api/health", "/no-such-page"]) {
    test(`security headers on ${path}`, async ({ request }) => {
      const response = await request.get(path, { maxRedirects: 0 });
      const headers = response.headers();
      expect(headers["content-security-policy"]).toContain("frame-ancestors 'none'");
      expect(headers["x-content-type-options"]).toBe("nosniff");
      expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
      expect(headers["x-frame-options"]).toBe("DENY");
      expect(headers["x-powered-by"]).toBeUndefined();
    });
  }

  test("pages get a per-response script nonce", async ({ request }) => {
    const first = (await request.get("/signin")).headers()["content-security-policy"];
    const second = (await request.get("/signin")).headers()["content-security-policy"];
    expect(first).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+'/);
    expect(first).not.toBe(second);
    expect(first).not.toContain("unsafe-inline'; script");
  });
});

test("the authorization and consent pages cannot be framed", async ({ request }) => {
  for (const path of ["/api/oauth/authorize?client_id=x", "/oauth/consent?client_id=x"]) {
    const headers = (await request.get(path, { maxRedirects: 0 })).headers();
    expect(headers["x-frame-options"]).toBe("DENY");
    expect(headers["content-security-policy"]).toContain("frame-ancestors 'none'");
  }
});

test("OAuth metadata per RFC 8414 advertises only what is supported", async ({ request, baseURL }) => {
  const metadata = await (await request.get("/.well-known/oauth-authorization-server")).json();
  expect(metadata).toMatchObject({
    issuer: new URL(baseURL!).origin,
    code_challenge_methods_supported: ["S256"],
    response_types_supported: ["code"],
    grant_types_supported: ["authorization_code", "refresh_token", "client_credentials"],
  });
});
