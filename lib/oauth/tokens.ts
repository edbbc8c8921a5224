import "server-only";
import crypto from "node:crypto";
import { generateSecret, hashSecret } from "../auth/secrets";
import { db } from "../db/client";
import type { Tx } from "../db/connect";
import { oauthScopes, parseScope } from "../schemas/oauth";
import type { AuthenticatedClient } from "./clients";
import { OAuthError } from "./errors";

export const accessTokenLifetimeMs = 60 * 60_000;
/** Refresh tokens expire after 30 days without use: each rotation starts a fresh 30 days. */
export const refreshTokenIdleMs = 30 * 24 * 60 * 60_000;

const invalidGrant = (description: string) => new OAuthError("invalid_grant", description);

interface Issue {
  clientId: string;
  userId: string | null;
  grantId: string | null;
  codeId?: string | null;
  familyId: string;
  scopes: string[];
  withRefresh: boolean;
}

/** Access (and refresh) tokens: opaque random strings, stored as hashes only. */
async function issueTokens(tx: Tx, issue: Issue, now: Date) {
  const accessToken = generateSecret("at");
  const refreshToken = issue.withRefresh ? generateSecret("rt") : undefined;
  const common = { clientId: issue.clientId, userId: issue.userId, grantId: issue.grantId, codeId: issue.codeId ?? null, familyId: issue.familyId, scopes: issue.scopes };
  await tx.oAuthToken.create({
    data: { ...common, kind: "access", tokenHash: hashSecret(accessToken), expiresAt: new Date(now.getTime() + accessTokenLifetimeMs) },
  });
  if (refreshToken) {
    await tx.oAuthToken.create({
      data: { ...common, kind: "refresh", tokenHash: hashSecret(refreshToken), expiresAt: new Date(now.getTime() + refreshTokenIdleMs) },
    });
  }
  return {
    access_token: accessToken,
    token_type: "Bearer",
    expires_in: accessTokenLifetimeMs / 1000,
    ...(refreshToken ? { refresh_token: refreshToken } : {}),
    scope: issue.scopes.join(" "),
  };
}

const pkceS256 = (verifier: string) => crypto.createHash("sha256").update(verifier).digest("base64url");

/**
 * authorization_code (RFC 6749 §4.1.3, RFC 7636 §4.6): the code works once, within ten minutes,
 * for the client and redirect URI it was issued to and the verifier of its challenge. A second
 * valid redemption means the code leaked: every token descending from the first one is revoked
 * (RFC 6749 §4.1.2).
 */
export async function exchangeAuthorizationCode(client: AuthenticatedClient, form: URLSearchParams, now = new Date()) {
  const code = form.get("code");
  const verifier = form.get("code_verifier");
  if (!code) throw new OAuthError("invalid_request", "code is required.");
  if (!verifier) throw new OAuthError("invalid_request", "code_verifier is required (PKCE).");
  if (!/^[A-Za-z0-9._~-]{43,128}$/.test(verifier)) throw invalidGrant("code_verifier is malformed.");
  const record = await db.oAuthAuthorizationCode.findUnique({ where: { codeHash: hashSecret(code) }, include: { grant: { select: { revokedAt: true } } } });
  if (!record || record.clientId !== client.id) throw invalidGrant("The code is unknown or was issued to another client.");
  if (record.redirectUri !== form.get("redirect_uri")) throw invalidGrant("redirect_uri does not match the authorization request.");
  if (pkceS256(verifier) !== record.codeChallenge) throw invalidGrant("code_verifier does not match the code_challenge.");
  if (record.expiresAt <= now) throw invalidGrant("The code has expired.");
  if (record.grant?.revokedAt) throw invalidGrant("The person revoked this app's access.");

  // The revocation must commit, so the transaction returns null rather than throwing.
  const tokens = await db.$transaction(async (tx) => {
    const { count } = await tx.oAuthAuthorizationCode.updateMany({ where: { id: record.id, usedAt: null }, data: { usedAt: now } });
    if (count === 0) {
      // The whole family goes: tokens refreshed from the code's tokens carry its family, not
      // the code (RFC 9700 §4.13, OAuth 2.1 §4.1.3).
      const issued = await tx.oAuthToken.findMany({ where: { codeId: record.id }, select: { familyId: true }, distinct: ["familyId"] });
      const families = issued.map((token) => token.familyId);
      await tx.oAuthToken.updateMany({ where: { familyId: { in: families }, revokedAt: null }, data: { revokedAt: now } });
      return null;
    }
    return issueTokens(tx, { clientId: client.id, userId: record.userId, grantId: record.grantId, codeId: record.id, familyId: crypto.randomUUID(), scopes: record.scopes, withRefresh: true }, now);
  });
  if (!tokens) throw invalidGrant("The code was already used; the tokens it gave were revoked.");
  return tokens;
}

/**
 * refresh_token (RFC 6749 §6, RFC 9700 §4.14): the token rotates on every use; presenting one
 * that was already rotated means it was stolen, so the whole family is revoked. The scope can only
 * narrow.
 */
export async function refreshAccessToken(client: AuthenticatedClient, form: URLSearchParams, now = new Date()) {
  const token = form.get("refresh_token");
  if (!token) throw new OAuthError("invalid_request", "refresh_token is required.");
  const record = await db.oAuthToken.findUnique({ where: { tokenHash: hashSecret(token) }, include: { grant: { select: { revokedAt: true, scopes: true } } } });
  if (!record || record.kind !== "refresh" || record.clientId !== client.id) throw invalidGrant("The refresh token is unknown or was issued to another client.");
  const revokeFamily = (tx: Tx | typeof db) => tx.oAuthToken.updateMany({ where: { familyId: record.familyId, revokedAt: null }, data: { revokedAt: now } });
  const reused = () => invalidGrant("This refresh token was already used; every token of its family is now revoked.");
  if (record.rotatedAt) {
    await revokeFamily(db);
    throw reused();
  }
  if (record.revokedAt || record.expiresAt <= now) throw invalidGrant("The refresh token has expired or was revoked.");
  if (record.grant?.revokedAt) throw invalidGrant("The person revoked this app's access.");
  const requested = form.get("scope") ? parseScope(form.get("scope")!) : record.scopes;
  if (requested.some((scope) => !record.scopes.includes(scope))) throw new OAuthError("invalid_scope", "A refresh cannot add scopes beyond the original grant.");

  // A concurrent reuse loses the conditional rotation; its family revocation must commit.
  const tokens = await db.$transaction(async (tx) => {
    const { count } = await tx.oAuthToken.updateMany({ where: { id: record.id, rotatedAt: null, revokedAt: null }, data: { rotatedAt: now } });
    if (count === 0) {
      await revokeFamily(tx);
      return null;
    }
    return issueTokens(tx, { clientId: client.id, userId: record.userId, grantId: record.grantId, familyId: record.familyId, scopes: requested, withRefresh: true }, now);
  });
  if (!tokens) throw reused();
  return tokens;
}

/** client_credentials (RFC 6749 §4.4): confidential clients only, a token with no person behind it. */
export async function clientCredentialsToken(client: AuthenticatedClient, form: URLSearchParams, now = new Date()) {
  if (client.type !== "confidential") throw new OAuthError("unauthorized_client", "Only confidential clients may use client_credentials.");
  const scopes = form.get("scope") ? parseScope(form.get("scope")!) : [...oauthScopes];
  if (scopes.some((scope) => !(oauthScopes as readonly string[]).includes(scope))) throw new OAuthError("invalid_scope", "Unknown scope.");
  return db.$transaction((tx) => issueTokens(tx, { clientId: client.id, userId: null, grantId: null, familyId: crypto.randomUUID(), scopes, withRefresh: false }, now));
}

/** RFC 7009: revokes a token of the calling client (a refresh token takes its family with it). */
export async function revokeToken(client: AuthenticatedClient, token: string, now = new Date()): Promise<void> {
  const record = await db.oAuthToken.findUnique({ where: { tokenHash: hashSecret(token) } });
  // §2.2: an unknown token, or another client's, still gets 200: nothing to tell an attacker.
  if (!record || record.clientId !== client.id) return;
  const where = record.kind === "refresh" ? { familyId: record.familyId } : { id: record.id };
  await db.oAuthToken.updateMany({ where: { ...where, revokedAt: null }, data: { revokedAt: now } });
}

/** RFC 7662: what a token is, for the client it was issued to; anything else is `active: false`. */
export async function introspectToken(client: AuthenticatedClient, token: string, now = new Date()) {
  const record = await db.oAuthToken.findUnique({
    where: { tokenHash: hashSecret(token) },
    include: { grant: { select: { revokedAt: true } }, client: { select: { clientId: true } } },
  });
  const active =
    record && record.clientId === client.id && !record.revokedAt && !record.rotatedAt && record.expiresAt > now && !record.grant?.revokedAt;
  if (!active) return { active: false };
  return {
    active: true,
    scope: record.scopes.join(" "),
    client_id: record.client.clientId,
    token_type: record.kind === "access" ? "Bearer" : "refresh_token",
    exp: Math.floor(record.expiresAt.getTime() / 1000),
    iat: Math.floor(record.createdAt.getTime() / 1000),
    ...(record.userId ? { sub: record.userId } : {}),
  };
}

/** The apps a person authorized, with scopes and last use, for the settings page. */
export function listAuthorizedApps(userId: string) {
  return db.oAuthGrant.findMany({
    where: { userId, revokedAt: null },
    orderBy: { createdAt: "desc" },
    select: { id: true, scopes: true, createdAt: true, lastUsedAt: true, client: { select: { name: true, clientId: true } } },
  });
}

/** Revoking an app's authorization ends its tokens at once (they are checked against the grant). */
export async function revokeAuthorizedApp(userId: string, grantId: string, now = new Date()): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const { count } = await tx.oAuthGrant.updateMany({ where: { id: grantId, userId, revokedAt: null }, data: { revokedAt: now } });
    if (count === 0) return false;
    await tx.oAuthToken.updateMany({ where: { grantId, revokedAt: null }, data: { revokedAt: now } });
    // Codes not yet redeemed die too, so a later consent that revives the grant revives none.
    await tx.oAuthAuthorizationCode.updateMany({ where: { grantId, usedAt: null, expiresAt: { gt: now } }, data: { expiresAt: now } });
    return true;
  });
}
