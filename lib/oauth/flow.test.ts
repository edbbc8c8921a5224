import * as oauth from "oauth4webapi";
import { describe, expect, it } from "vitest";
import { createDataRequest } from "@/lib/data-requests/requests";
import { actorForApiToken } from "@/lib/auth/api-tokens";
import { person, sessionCookie } from "@/tests/support/fixtures";
import { appFetch, authorize, clientOptions, discover, registerApp } from "@/tests/support/oauth-harness";

async function owner() {
  const who = await person();
  return { who, actor: (await actorForApiToken(who.token))!, cookie: await sessionCookie(who.id) };
}

const listRequests = (token: string) => appFetch("http://localhost:3000/api/requests", { headers: { authorization: `Bearer ${token}` } });

describe("a third-party app using oauth4webapi", () => {
  it("discovers the server, gets a token with PKCE, lists requests, refreshes, revokes, and loses access", async () => {
    const { who, actor, cookie } = await owner();
    const app = await registerApp(actor);
    const { requestId } = await createDataRequest(who.id, ["profile"]);

    const { as, tokens } = await authorize(cookie, app);
    expect(as.code_challenge_methods_supported).toEqual(["S256"]);
    expect(as.grant_types_supported).not.toContain("password");
    expect(as.grant_types_supported).not.toContain("implicit");
    expect(tokens).toMatchObject({ token_type: "bearer", expires_in: 3600, scope: "requests:read requests:write" });

    const listed = await listRequests(tokens.access_token);
    expect(listed.status).toBe(200);
    expect((await listed.json()).map((r: { requestId: string }) => r.requestId)).toEqual([requestId]);

    const refreshed = await oauth.processRefreshTokenResponse(
      as,
      app.client,
      await oauth.refreshTokenGrantRequest(as, app.client, app.auth, tokens.refresh_token!, clientOptions),
    );
    expect(refreshed.refresh_token).not.toBe(tokens.refresh_token);
    expect((await listRequests(refreshed.access_token)).status).toBe(200);

    const revocation = await oauth.revocationRequest(as, app.client, app.auth, refreshed.refresh_token!, clientOptions);
    await oauth.processRevocationResponse(revocation);
    expect((await listRequests(refreshed.access_token)).status).toBe(401);
    expect((await listRequests(tokens.access_token)).status).toBe(401);
  });

  it("introspects its own tokens (confidential clients) per RFC 7662", async () => {
    const { who, actor, cookie } = await owner();
    const app = await registerApp(actor);
    const { as, tokens } = await authorize(cookie, app, "requests:read");
    const response = await oauth.introspectionRequest(as, app.client, app.auth, tokens.access_token, clientOptions);
    const result = await oauth.processIntrospectionResponse(as, app.client, response);
    expect(result).toMatchObject({ active: true, scope: "requests:read", client_id: app.clientId, sub: who.id, token_type: "Bearer" });

    const unknown = await oauth.processIntrospectionResponse(as, app.client, await oauth.introspectionRequest(as, app.client, app.auth, "at_nothing", clientOptions));
    expect(unknown).toEqual({ active: false });
  });

  it("serves client_credentials to confidential clients; /requests refuses such a token with 403", async () => {
    const { actor } = await owner();
    const app = await registerApp(actor);
    const as = await discover();
    const response = await oauth.clientCredentialsGrantRequest(as, app.client, app.auth, new URLSearchParams({ scope: "requests:read" }), clientOptions);
    const tokens = await oauth.processClientCredentialsResponse(as, app.client, response);
    expect(tokens.refresh_token).toBeUndefined();
    expect((await listRequests(tokens.access_token)).status).toBe(403);

    const publicApp = await registerApp(actor, "public");
    const refused = await oauth.clientCredentialsGrantRequest(as, publicApp.client, publicApp.auth, new URLSearchParams(), clientOptions);
    expect(refused.status).toBe(400);
    expect((await refused.json()).error).toBe("unauthorized_client");
  });

  it("works for public clients with PKCE and no secret", async () => {
    const { actor, cookie } = await owner();
    const app = await registerApp(actor, "public");
    const { tokens } = await authorize(cookie, app);
    expect((await listRequests(tokens.access_token)).status).toBe(200);
  });
});
