import * as oauth from "oauth4webapi";
import { describe, expect, it } from "vitest";
import { GET as authorizeGet } from "@/app/api/oauth/authorize/route";
import { POST as tokenRoute } from "@/app/api/oauth/token/route";
import { POST as revokeRoute } from "@/app/api/oauth/revoke/route";
import { actorForApiToken } from "@/lib/auth/api-tokens";
import { hashSecret } from "@/lib/auth/secrets";
import { db } from "@/lib/db/client";
import { person, sessionCookie } from "@/tests/support/fixtures";
import { appFetch, authorize, consent, redirectUri, registerApp } from "@/tests/support/oauth-harness";
import { callRoute } from "@/tests/support/route";
import { revokeAuthorizedApp } from "@/lib/oauth/tokens";

async function owner() {
  const who = await person();
  return { who, actor: (await actorForApiToken(who.token))!, cookie: await sessionCookie(who.id) };
}
const listRequests = (token: string) => appFetch("http://localhost:3000/api/requests", { headers: { authorization: `Bearer ${token}` } });

function token(form: Record<string, string>, headers: Record<string, string> = {}) {
  return callRoute(tokenRoute, "/api/oauth/token", {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", "x-portal-client-address": "10.9.9.9", ...headers },
    body: new URLSearchParams(form).toString(),
  });
}
const basic = (id: string, secret: string) => ({ authorization: `Basic ${Buffer.from(`${id}:${secret}`).toString("base64")}` });

async function pkce() {
  const verifier = oauth.generateRandomCodeVerifier();
  return { verifier, challenge: await oauth.calculatePKCECodeChallenge(verifier) };
}

describe("authorization endpoint", () => {
  it("never redirects to a redirect URI that is not registered exactly", async () => {
    const { actor } = await owner();
    const app = await registerApp(actor);
    const { challenge } = await pkce();
    const variants = [
      `${redirectUri}/`, `${redirectUri}?x=1`, `${redirectUri}#frag`, redirectUri.replace("https:", "http:"),
      redirectUri.toUpperCase(), "https://evil.example/callback", "",
    ];
    for (const variant of variants) {
      const query = new URLSearchParams({ response_type: "code", client_id: app.clientId, redirect_uri: variant, code_challenge: challenge, code_challenge_method: "S256" });
      const response = await callRoute(authorizeGet, `/api/oauth/authorize?${query}`);
      expect(response.status, variant).toBe(400);
      expect(response.headers.get("location"), variant).toBeNull();
      expect(await response.text()).toContain("has not registered");
    }
    const unknownClient = await callRoute(authorizeGet, `/api/oauth/authorize?client_id=nope&redirect_uri=${encodeURIComponent(redirectUri)}`);
    expect(unknownClient.status).toBe(400);
    expect(unknownClient.headers.get("location")).toBeNull();
  });

  it("requires PKCE with S256: missing challenge, plain, or missing method are refused", async () => {
    const { actor, cookie } = await owner();
    const app = await registerApp(actor);
    const { challenge } = await pkce();
    const base = { response_type: "code", client_id: app.clientId, redirect_uri: redirectUri, state: "s1" };
    const variants: Record<string, string>[] = [{}, { code_challenge: challenge, code_challenge_method: "plain" }, { code_challenge: challenge }, { code_challenge_method: "S256" }];
    for (const extra of variants) {
      const response = await consent(cookie, { ...base, ...extra });
      const location = new URL(response.headers.get("location")!);
      expect(location.origin + location.pathname).toBe(redirectUri);
      expect(location.searchParams.get("error")).toBe("invalid_request");
      expect(location.searchParams.get("state")).toBe("s1");
      expect(location.searchParams.get("code")).toBeNull();
    }
  });

  it("refuses the implicit flow and unknown scopes, ignores unknown parameters, and reports a denial", async () => {
    const { actor, cookie } = await owner();
    const app = await registerApp(actor);
    const { challenge } = await pkce();
    const base = { client_id: app.clientId, redirect_uri: redirectUri, state: "st", code_challenge: challenge, code_challenge_method: "S256" };
    const implicit = new URL((await consent(cookie, { ...base, response_type: "token" })).headers.get("location")!);
    expect(implicit.searchParams.get("error")).toBe("unsupported_response_type");
    const scope = new URL((await consent(cookie, { ...base, response_type: "code", scope: "requests:admin" })).headers.get("location")!);
    expect(scope.searchParams.get("error")).toBe("invalid_scope");
    const extra = new URL((await consent(cookie, { ...base, response_type: "code", nonce: "x", prompt: "none" })).headers.get("location")!);
    expect(extra.searchParams.get("code")).toMatch(/^ac_/);
    const denied = new URL((await consent(cookie, { ...base, response_type: "code" }, "deny")).headers.get("location")!);
    expect(denied.searchParams.get("error")).toBe("access_denied");
    expect(denied.searchParams.get("state")).toBe("st");
  });

  it("sends a signed-out person to sign in and back; refuses a consent posted from another origin", async () => {
    const { actor, cookie } = await owner();
    const app = await registerApp(actor);
    const { challenge } = await pkce();
    const query = new URLSearchParams({ response_type: "code", client_id: app.clientId, redirect_uri: redirectUri, code_challenge: challenge, code_challenge_method: "S256" });
    const signedOut = await callRoute(authorizeGet, `/api/oauth/authorize?${query}`);
    expect(signedOut.headers.get("location")).toBe(`/signin?callbackUrl=${encodeURIComponent(`/api/oauth/authorize?${query}`)}`);
    const signedIn = await callRoute(authorizeGet, `/api/oauth/authorize?${query}`, { headers: { cookie } });
    expect(signedIn.headers.get("location")).toBe(`/oauth/consent?${query}`);

    const { POST } = await import("@/app/api/oauth/authorize/route");
    const forged = await callRoute(POST, "/api/oauth/authorize", {
      method: "POST",
      headers: { cookie, origin: "https://evil.example", "content-type": "application/x-www-form-urlencoded" },
      body: `${query}&decision=allow`,
    });
    expect(forged.status).toBe(403);
    expect(await db.oAuthAuthorizationCode.count({ where: { client: { clientId: app.clientId } } })).toBe(0);
  });
});

describe("token endpoint", () => {
  it("honours a code once: a second valid redemption revokes what the first issued", async () => {
    const { actor, cookie } = await owner();
    const app = await registerApp(actor);
    const { tokens, code, verifier } = await authorize(cookie, app);
    const replay = await token({ grant_type: "authorization_code", code, code_verifier: verifier, redirect_uri: redirectUri }, basic(app.clientId, app.secret!));
    expect(replay.status).toBe(400);
    expect((await replay.json()).error).toBe("invalid_grant");
    expect((await listRequests(tokens.access_token)).status).toBe(401);
  });

  it("under 10 parallel redemptions of one code, one succeeds and its tokens end up revoked", async () => {
    const { actor, cookie } = await owner();
    const app = await registerApp(actor);
    const { verifier, challenge } = await pkce();
    const answer = await consent(cookie, { response_type: "code", client_id: app.clientId, redirect_uri: redirectUri, code_challenge: challenge, code_challenge_method: "S256" });
    const code = new URL(answer.headers.get("location")!).searchParams.get("code")!;
    const responses = await Promise.all(
      Array.from({ length: 10 }, () => token({ grant_type: "authorization_code", code, code_verifier: verifier, redirect_uri: redirectUri }, basic(app.clientId, app.secret!))),
    );
    const ok = responses.filter((response) => response.status === 200);
    expect(ok).toHaveLength(1);
    const { access_token } = await ok[0]!.json();
    expect((await listRequests(access_token)).status).toBe(401);
  });

  it("refuses a wrong verifier, another client's code, a changed redirect URI and an expired code", async () => {
    const { actor, cookie } = await owner();
    const [app, other] = [await registerApp(actor), await registerApp(actor)];
    const { verifier, challenge } = await pkce();
    const params = { response_type: "code", client_id: app.clientId, redirect_uri: redirectUri, code_challenge: challenge, code_challenge_method: "S256" };
    const code = new URL((await consent(cookie, params)).headers.get("location")!).searchParams.get("code")!;
    const exchange = (form: Record<string, string>, who = app) =>
      token({ grant_type: "authorization_code", code, redirect_uri: redirectUri, code_verifier: verifier, ...form }, basic(who.clientId, who.secret!));
    for (const [form, who] of [
      [{ code_verifier: (await pkce()).verifier }, app],
      [{}, other],
      [{ redirect_uri: `${redirectUri}/other` }, app],
    ] as const) {
      const response = await exchange(form, who);
      expect(response.status).toBe(400);
      expect((await response.json()).error).toBe("invalid_grant");
    }
    const missing = await token({ grant_type: "authorization_code", code, redirect_uri: redirectUri }, basic(app.clientId, app.secret!));
    expect((await missing.json()).error).toBe("invalid_request");

    await db.oAuthAuthorizationCode.update({ where: { codeHash: hashSecret(code) }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const expired = await exchange({});
    expect((await expired.json()).error_description).toBe("The code has expired.");
  });

  it("rotates refresh tokens; reusing an old one revokes the whole family", async () => {
    const { actor, cookie } = await owner();
    const app = await registerApp(actor);
    const { tokens } = await authorize(cookie, app);
    const refresh = (refreshToken: string, extra: Record<string, string> = {}, who = app) =>
      token({ grant_type: "refresh_token", refresh_token: refreshToken, ...extra }, basic(who.clientId, who.secret!));
    const first = await (await refresh(tokens.refresh_token!)).json();
    expect(first.refresh_token).toBeDefined();
    const reuse = await refresh(tokens.refresh_token!);
    expect(reuse.status).toBe(400);
    expect((await reuse.json()).error).toBe("invalid_grant");
    expect((await listRequests(first.access_token)).status).toBe(401);
    expect((await refresh(first.refresh_token)).status).toBe(400);
  });

  it("never widens scope on refresh, and refuses another client's refresh token", async () => {
    const { actor, cookie } = await owner();
    const [app, other] = [await registerApp(actor), await registerApp(actor)];
    const { tokens } = await authorize(cookie, app, "requests:read");
    const escalate = await token({ grant_type: "refresh_token", refresh_token: tokens.refresh_token!, scope: "requests:read requests:write" }, basic(app.clientId, app.secret!));
    expect((await escalate.json()).error).toBe("invalid_scope");
    const stolen = await token({ grant_type: "refresh_token", refresh_token: tokens.refresh_token! }, basic(other.clientId, other.secret!));
    expect((await stolen.json()).error).toBe("invalid_grant");
    const narrowed = await (await token({ grant_type: "refresh_token", refresh_token: tokens.refresh_token!, scope: "requests:read" }, basic(app.clientId, app.secret!))).json();
    expect(narrowed.scope).toBe("requests:read");
  });

  it("ends every token of an app the person revokes, at once", async () => {
    const { who, actor, cookie } = await owner();
    const app = await registerApp(actor);
    const { tokens } = await authorize(cookie, app);
    const grant = await db.oAuthGrant.findFirstOrThrow({ where: { userId: who.id, client: { clientId: app.clientId } } });
    expect(await revokeAuthorizedApp(who.id, grant.id)).toBe(true);
    expect((await listRequests(tokens.access_token)).status).toBe(401);
    const refresh = await token({ grant_type: "refresh_token", refresh_token: tokens.refresh_token! }, basic(app.clientId, app.secret!));
    expect((await refresh.json()).error).toBe("invalid_grant");
  });

  it("authenticates clients strictly, with RFC 6749 errors and no-store", async () => {
    const { actor } = await owner();
    const app = await registerApp(actor);
    const wrong = await token({ grant_type: "client_credentials" }, basic(app.clientId, "cs_wrong"));
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get("www-authenticate")).toMatch(/^Basic/);
    expect(await wrong.json()).toEqual({ error: "invalid_client", error_description: "Unknown client or wrong secret." });
    expect(wrong.headers.get("cache-control")).toBe("no-store");

    expect((await token({ grant_type: "client_credentials" })).status).toBe(401);
    const both = await token({ grant_type: "client_credentials", client_secret: app.secret! }, basic(app.clientId, app.secret!));
    expect((await both.json()).error).toBe("invalid_request");
    const viaBody = await token({ grant_type: "client_credentials", client_id: app.clientId, client_secret: app.secret! });
    expect(viaBody.status).toBe(200);
    expect(viaBody.headers.get("cache-control")).toBe("no-store");
    expect(viaBody.headers.get("pragma")).toBe("no-cache");

    const password = await token({ grant_type: "password", username: "a", password: "b" }, basic(app.clientId, app.secret!));
    expect((await password.json()).error).toBe("unsupported_grant_type");
    const json = await callRoute(tokenRoute, "/api/oauth/token", { method: "POST", headers: { "content-type": "application/json", ...basic(app.clientId, app.secret!) }, body: "{}" });
    expect(json.status).toBe(400);
    expect((await json.json()).error).toBe("invalid_request");
  });

  it("revokes per RFC 7009: 200 for unknown tokens, and never another client's token", async () => {
    const { actor, cookie } = await owner();
    const [app, other] = [await registerApp(actor), await registerApp(actor)];
    const { tokens } = await authorize(cookie, app);
    const revoke = (value: string, who = app) =>
      callRoute(revokeRoute, "/api/oauth/revoke", {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded", ...basic(who.clientId, who.secret!) },
        body: new URLSearchParams({ token: value }).toString(),
      });
    expect((await revoke("at_unknown")).status).toBe(200);
    expect((await revoke(tokens.access_token, other)).status).toBe(200);
    expect((await listRequests(tokens.access_token)).status).toBe(200);
    expect((await revoke(tokens.access_token)).status).toBe(200);
    expect((await listRequests(tokens.access_token)).status).toBe(401);
  });

  it("limits token requests per client with 429 and Retry-After", async () => {
    const { actor } = await owner();
    const app = await registerApp(actor);
    let last: Response | undefined;
    for (let attempt = 0; attempt < 61; attempt++) {
      last = await token({ grant_type: "client_credentials" }, { ...basic(app.clientId, "cs_wrong"), "x-portal-client-address": `10.1.${attempt}.1` });
    }
    expect(last!.status).toBe(429);
    expect(Number(last!.headers.get("retry-after"))).toBeGreaterThan(0);
  });
});
