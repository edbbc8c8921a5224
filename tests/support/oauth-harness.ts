import * as oauth from "oauth4webapi";
import { GET as metadataRoute } from "@/app/.well-known/oauth-authorization-server/route";
import { GET as requestsRoute } from "@/app/api/requests/route";
import { GET as authorizeGet, POST as authorizePost } from "@/app/api/oauth/authorize/route";
import { POST as introspectRoute } from "@/app/api/oauth/introspect/route";
import { POST as revokeRoute } from "@/app/api/oauth/revoke/route";
import { POST as tokenRoute } from "@/app/api/oauth/token/route";
import type { Actor } from "@/lib/auth/actor";
import { registerOAuthClient } from "@/lib/oauth/clients";
import { callRoute } from "./route";

export const origin = "http://localhost:3000";
export const redirectUri = "https://client.example/callback";

type Handler = (request: import("next/server").NextRequest, context: { params: Promise<Record<string, never>> }) => Promise<Response>;
const routes: Record<string, Record<string, Handler>> = {
  "/.well-known/oauth-authorization-server": { GET: metadataRoute },
  "/api/oauth/token": { POST: tokenRoute },
  "/api/oauth/revoke": { POST: revokeRoute },
  "/api/oauth/introspect": { POST: introspectRoute },
  "/api/oauth/authorize": { GET: authorizeGet, POST: authorizePost },
  "/api/requests": { GET: requestsRoute },
};

/** fetch, answered by the app's route handlers: an OAuth client library talks to the real code. */
export const appFetch: typeof fetch = async (input, init) => {
  const request = new Request(input, init);
  const url = new URL(request.url);
  const handler = routes[url.pathname]?.[request.method];
  if (!handler) return new Response("not routed in the harness", { status: 599 });
  const body = request.method === "GET" ? undefined : await request.arrayBuffer();
  return callRoute(handler, url.pathname + url.search, { method: request.method, headers: request.headers, body });
};

export const clientOptions = { [oauth.customFetch]: appFetch, [oauth.allowInsecureRequests]: true };

export async function discover() {
  const issuer = new URL(origin);
  const response = await oauth.discoveryRequest(issuer, { ...clientOptions, algorithm: "oauth2" });
  return oauth.processDiscoveryResponse(issuer, response);
}

export async function registerApp(actor: Actor, type: "confidential" | "public" = "confidential", uris = [redirectUri]) {
  const { clientId, secret } = await registerOAuthClient(actor, { name: `App ${Math.random().toString(36).slice(2, 6)}`, type, redirectUris: uris });
  const client: oauth.Client = { client_id: clientId };
  const auth = secret ? oauth.ClientSecretBasic(secret) : oauth.None();
  return { clientId, secret, client, auth };
}

/** The consent step, by HTTP with the person's session cookie, as the browser would post it. */
export async function consent(cookie: string, params: Record<string, string>, decision: "allow" | "deny" = "allow") {
  const response = await callRoute(authorizePost, "/api/oauth/authorize", {
    method: "POST",
    headers: { cookie, origin, "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ ...params, decision }).toString(),
  });
  return response;
}

/** Runs the whole authorization-code-with-PKCE dance and returns the token response. */
export async function authorize(
  cookie: string,
  app: Awaited<ReturnType<typeof registerApp>>,
  scope = "requests:read requests:write",
) {
  const as = await discover();
  const verifier = oauth.generateRandomCodeVerifier();
  const challenge = await oauth.calculatePKCECodeChallenge(verifier);
  const state = oauth.generateRandomState();
  const params = { response_type: "code", client_id: app.clientId, redirect_uri: redirectUri, scope, state, code_challenge: challenge, code_challenge_method: "S256" };
  const answer = await consent(cookie, params);
  const callback = new URL(answer.headers.get("location")!);
  const validated = oauth.validateAuthResponse(as, app.client, callback, state);
  const response = await oauth.authorizationCodeGrantRequest(as, app.client, app.auth, validated, redirectUri, verifier, clientOptions);
  const tokens = await oauth.processAuthorizationCodeResponse(as, app.client, response);
  return { as, tokens, code: callback.searchParams.get("code")!, verifier, params };
}
