import "server-only";
import { generateSecret, hashSecret } from "../auth/secrets";
import { db } from "../db/client";
import type { Tx } from "../db/connect";
import { Prisma } from "../generated/prisma/client";
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
  const consent = () =>
    db.$transaction(async (tx) => {
      const grant = await recordConsent(tx, userId, check.client.id, check.scopes);
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
      if (grant.isNew) {
        await recordAudit(tx, {
          actorId: userId, subjectUserId: userId, action: "oauth.authorize", targetType: "oauth_client", targetId: check.client.id,
          details: { scopes: check.scopes },
        });
      }
    });
  try {
    await consent();
  } catch (error) {
    // A concurrent consent created the grant first; the unique key refused ours: join it.
    if (!(error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002")) throw error;
    await consent();
  }
  return redirectWith(check.redirectUri, { code, state: check.state });
}

/**
 * One grant per person and app (a unique key): a new consent widens an active grant's scopes,
 * or revives a revoked one with only what was just granted.
 */
async function recordConsent(tx: Tx, userId: string, clientId: string, scopes: string[]) {
  const existing = await tx.oAuthGrant.findUnique({ where: { clientId_userId: { clientId, userId } } });
  if (!existing) return { ...(await tx.oAuthGrant.create({ data: { clientId, userId, scopes } })), isNew: true };
  const revived = existing.revokedAt !== null;
  const granted = revived ? scopes : [...new Set([...existing.scopes, ...scopes])];
  return { ...(await tx.oAuthGrant.update({ where: { id: existing.id }, data: { scopes: granted, revokedAt: null } })), isNew: revived };
}

export function denyAuthorization(check: Extract<AuthorizationCheck, { ok: true }>): string {
  return redirectWith(check.redirectUri, { error: "access_denied", error_description: "The person declined.", state: check.state });
}
