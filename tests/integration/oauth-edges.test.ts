import * as oauth from "oauth4webapi";
import { describe, expect, it } from "vitest";
import { POST as introspectRoute } from "@/app/api/oauth/introspect/route";
import { POST as revokeRoute } from "@/app/api/oauth/revoke/route";
import { POST as tokenRoute } from "@/app/api/oauth/token/route";
import { actorForApiToken } from "@/lib/auth/api-tokens";
import { db } from "@/lib/db/client";
import { person, sessionCookie } from "@/tests/support/fixtures";
import { appFetch, authorize, consent, redirectUri, registerApp } from "@/tests/support/oauth-harness";
import { callRoute } from "@/tests/support/route";
import { revokeAuthorizedApp } from "@/lib/oauth/tokens";

const form = "application/x-www-form-urlencoded";
const post = (route: typeof tokenRoute, path: string, body: Record<string, string>, headers: Record<string, string> = {}) =>
  callRoute(route, path, {
    method: "POST",
    headers: { "content-type": form, "x-portal-client-address": "10.30.0.1", ...headers },
    body: new URLSearchParams(body).toString(),
  });
const listRequests = (token: string) => appFetch("http://localhost:3000/api/requests", { headers: { authorization: `Bearer ${token}` } });
const basic = (id: string, secret: string) => ({ authorization: `Basic ${Buffer.from(`${id}:${secret}`).toString("base64")}` });

async function owner() {
  const who = await person();
  return { who, actor: (await actorForApiToken(who.token))!, cookie: await sessionCookie(who.id) };
}

describe("client authentication edges", () => {
  const endpoints = [
    ["token", tokenRoute, "/api/oauth/token", { grant_type: "client_credentials" }],
    ["revocation", revokeRoute, "/api/oauth/revoke", { token: "at_x" }],
    ["introspection", introspectRoute, "/api/oauth/introspect", { token: "at_x" }],
  ] as const;

  for (const [name, route, path, body] of endpoints) {
    it(`a Basic header that is not form-urlencoded is 401 invalid_client on the ${name} endpoint`, async () => {
      // "JTo=" is Base64 for "%:": a lone "%" is not a valid escape.
      for (const value of ["Basic JTo=", `Basic ${Buffer.from("client:%E0%A4%A").toString("base64")}`]) {
        const response = await post(route, path, body, { authorization: value });
        expect(response.status).toBe(401);
        expect(await response.json()).toEqual({ error: "invalid_client", error_description: "Malformed HTTP Basic credentials." });
        expect(response.headers.get("www-authenticate")).toMatch(/^Basic/);
      }
    });
  }

  it("a client_id of 10 KB is an unknown client, not a server error", async () => {
    const huge = "c".repeat(10_000);
    const viaBody = await post(tokenRoute, "/api/oauth/token", { grant_type: "client_credentials", client_id: huge, client_secret: "x" });
    expect(viaBody.status).toBe(401);
    const viaBasic = await post(tokenRoute, "/api/oauth/token", { grant_type: "client_credentials" }, basic(huge, "x"));
    expect(viaBasic.status).toBe(401);
  });
});

describe("authorization code replay", () => {
  it("revokes every token descending from the code, those issued by refreshing included", async () => {
    const { actor, cookie } = await owner();
    const app = await registerApp(actor);
    const { tokens, code, verifier } = await authorize(cookie, app);
    const refreshed = await (await post(tokenRoute, "/api/oauth/token", { grant_type: "refresh_token", refresh_token: tokens.refresh_token! }, basic(app.clientId, app.secret!))).json();
    expect((await listRequests(refreshed.access_token)).status).toBe(200);

    const replay = await post(tokenRoute, "/api/oauth/token", { grant_type: "authorization_code", code, code_verifier: verifier, redirect_uri: redirectUri }, basic(app.clientId, app.secret!));
    expect((await replay.json()).error).toBe("invalid_grant");
    expect((await listRequests(refreshed.access_token)).status).toBe(401);
    const again = await post(tokenRoute, "/api/oauth/token", { grant_type: "refresh_token", refresh_token: refreshed.refresh_token }, basic(app.clientId, app.secret!));
    expect((await again.json()).error).toBe("invalid_grant");
  });
});

describe("consent", () => {
  const params = async (clientId: string) => ({
    response_type: "code",
    client_id: clientId,
    redirect_uri: redirectUri,
    code_challenge: await oauth.calculatePKCECodeChallenge(oauth.generateRandomCodeVerifier()),
    code_challenge_method: "S256",
  });

  it("five concurrent consents of one person to one app make one grant, and every code works", async () => {
    const { who, actor, cookie } = await owner();
    const app = await registerApp(actor);
    const answers = await Promise.all(Array.from({ length: 5 }, async () => consent(cookie, await params(app.clientId))));
    for (const answer of answers) expect(new URL(answer.headers.get("location")!).searchParams.get("code")).toBeTruthy();
    expect(await db.oAuthGrant.count({ where: { userId: who.id, client: { clientId: app.clientId } } })).toBe(1);
  });

  it("one grant per person and app is the database's rule, not only the code's", async () => {
    const { who, actor, cookie } = await owner();
    const app = await registerApp(actor);
    await consent(cookie, await params(app.clientId));
    const grant = await db.oAuthGrant.findFirstOrThrow({ where: { userId: who.id } });
    await expect(db.oAuthGrant.create({ data: { clientId: grant.clientId, userId: who.id, scopes: [] } })).rejects.toMatchObject({ code: "P2002" });
  });

  it("after a revocation, a new consent revives the grant with only the new scopes, and no old code or token", async () => {
    const { who, actor, cookie } = await owner();
    const app = await registerApp(actor);
    const { tokens } = await authorize(cookie, app, "requests:read requests:write");
    const verifier = oauth.generateRandomCodeVerifier();
    const pending = await consent(cookie, { ...(await params(app.clientId)), code_challenge: await oauth.calculatePKCECodeChallenge(verifier) });
    const grant = await db.oAuthGrant.findFirstOrThrow({ where: { userId: who.id } });
    expect(await revokeAuthorizedApp(who.id, grant.id)).toBe(true);

    const again = await authorize(cookie, app, "requests:read");
    expect(again.tokens.scope).toBe("requests:read");
    expect((await db.oAuthGrant.findFirstOrThrow({ where: { userId: who.id } })).scopes).toEqual(["requests:read"]);
    expect((await listRequests(tokens.access_token)).status).toBe(401);
    expect((await listRequests(again.tokens.access_token)).status).toBe(200);
    const oldCode = new URL(pending.headers.get("location")!).searchParams.get("code")!;
    const stale = await post(tokenRoute, "/api/oauth/token", { grant_type: "authorization_code", code: oldCode, code_verifier: verifier, redirect_uri: redirectUri }, basic(app.clientId, app.secret!));
    expect(await stale.json()).toEqual({ error: "invalid_grant", error_description: "The code has expired." });
  });
});
