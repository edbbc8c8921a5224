import "server-only";
import { generateSecret, hashSecret } from "../auth/secrets";
import { db } from "../db/client";
import { recordAudit } from "../audit";
import { oauthScopes, parseScope, type AuthorizationRequestParams } from "../schemas/oauth";

export const codeLifetimeMs = 10 * 60_000;

export type AuthorizationCheck =
  /** Shown to the person: the client or redirect URI cannot be trusted, so nothing redirects. */
  | { ok: false; redirectTo?: undefined; message: string }
  /** Sent back to the (verified) redirect URI. */
  | { ok: false; redirectTo: string; message: string }
  | {
      ok: true;
      client: { id: string; clientId: string; name: string };
      redirectUri: string;
      scopes: string[];
      state?: string;
      codeChallenge: string;
    };

export function redirectWith(redirectUri: string, params: Record<string, string | undefined>): string {
  const url = new URL(redirectUri);
  for (const [name, value] of Object.entries(params)) if (value !== undefined) url.searchParams.set(name, value);
  return url.toString();
}

/**
 * Validates an authorization request (RFC 6749 §4.1.1 with PKCE, RFC 7636). The client and the
 * exact redirect URI are checked first: until both are known good, errors go to the person,
 * never to a URI (RFC 6749 §4.1.2.1). PKCE with S256 is required; `plain` is refused.
 */
export async function checkAuthorizationRequest(params: AuthorizationRequestParams): Promise<AuthorizationCheck> {
  if (!params.client_id) return { ok: false, message: "The app did not say who it is (client_id is missing)." };
  const client = await db.oAuthClient.findUnique({ where: { clientId: params.client_id }, select: { id: true, clientId: true, name: true, redirectUris: true } });
  if (!client) return { ok: false, message: "This app is not registered here." };
  if (!params.redirect_uri || !client.redirectUris.includes(params.redirect_uri)) {
    return { ok: false, message: "The app asked to send you to an address it has not registered, so we stopped here." };
  }
  const redirectUri = params.redirect_uri;
  const fail = (error: string, description: string) => ({
    ok: false as const,
    message: description,
    redirectTo: redirectWith(redirectUri, { error, error_description: description, state: params.state }),
  });
  if (params.response_type !== "code") return fail("unsupported_response_type", "Only the authorization code flow (response_type=code) is supported.");
  if (!params.code_challenge) return fail("invalid_request", "PKCE is required: send code_challenge with code_challenge_method=S256.");
  if (params.code_challenge_method !== "S256") return fail("invalid_request", "code_challenge_method must be S256.");
  if (!/^[A-Za-z0-9_-]{43,128}$/.test(params.code_challenge)) return fail("invalid_request", "code_challenge is not a valid S256 challenge.");
  const scopes = params.scope ? parseScope(params.scope) : ["requests:read"];
  const unknown = scopes.filter((scope) => !(oauthScopes as readonly string[]).includes(scope));
  if (unknown.length || scopes.length === 0) return fail("invalid_scope", `Unknown scope: ${unknown.join(" ")}. Supported: ${oauthScopes.join(" ")}.`);
  return { ok: true, client, redirectUri, scopes, state: params.state, codeChallenge: params.code_challenge };
}

/** The person allowed: record their consent (the grant) and issue a one-time code. */
export async function approveAuthorization(userId: string, check: Extract<AuthorizationCheck, { ok: true }>, now = new Date()): Promise<string> {
  const code = generateSecret("ac");
  await db.$transaction(async (tx) => {
    const existing = await tx.oAuthGrant.findFirst({ where: { clientId: check.client.id, userId, revokedAt: null } });
    const grant = existing
      ? await tx.oAuthGrant.update({ where: { id: existing.id }, data: { scopes: [...new Set([...existing.scopes, ...check.scopes])] } })
      : await tx.oAuthGrant.create({ data: { clientId: check.client.id, userId, scopes: check.scopes } });
    await tx.oAuthAuthorizationCode.create({
      data: {
        codeHash: hashSecret(code),
        clientId: check.client.id,
        userId,
        grantId: grant.id,
        redirectUri: check.redirectUri,
        scopes: check.scopes,
        codeChallenge: check.codeChallenge,
        codeChallengeMethod: "S256",
        expiresAt: new Date(now.getTime() + codeLifetimeMs),
      },
    });
    if (!existing) {
      await recordAudit(tx, {
        actorId: userId, subjectUserId: userId, action: "oauth.authorize", targetType: "oauth_client", targetId: check.client.id,
        details: { scopes: check.scopes },
      });
    }
  });
  return redirectWith(check.redirectUri, { code, state: check.state });
}

export function denyAuthorization(check: Extract<AuthorizationCheck, { ok: true }>): string {
  return redirectWith(check.redirectUri, { error: "access_denied", error_description: "The person declined.", state: check.state });
}
