import type { Tx } from "../db/connect";

export interface Revoked {
  sessions: number;
  apiTokens: number;
  appAuthorizations: number;
  /** Organization webhook endpoints the person made, deleted (only when asked to). */
  webhookEndpoints?: number;
}

/**
 * Ends every credential a person holds, in the caller's transaction: browser sessions (their open
 * pages are signed out on the next request), every API token (made at sign-in or on the settings
 * page), every app they authorized with its tokens and unredeemed codes. With `webhookEndpoints`,
 * also deletes the organization webhook endpoints they made: a person who leaves an organization
 * (removed, or disabled by an admin) must stop receiving its events at once.
 */
export async function revokeAccess(tx: Tx, userId: string, now: Date, options: { webhookEndpoints?: boolean } = {}): Promise<Revoked> {
  const sessions = await tx.userSession.updateMany({ where: { userId, revokedAt: null, expiresAt: { gt: now } }, data: { revokedAt: now } });
  const apiTokens = await tx.apiToken.updateMany({ where: { userId, revokedAt: null, expiresAt: { gt: now } }, data: { revokedAt: now } });
  const grants = await tx.oAuthGrant.updateManyAndReturn({ where: { userId, revokedAt: null }, data: { revokedAt: now }, select: { id: true } });
  // Every token issued for the person, whichever grant (or none) it hangs from, and unredeemed codes.
  await tx.oAuthToken.updateMany({ where: { userId, revokedAt: null }, data: { revokedAt: now } });
  await tx.oAuthAuthorizationCode.updateMany({ where: { userId, usedAt: null, expiresAt: { gt: now } }, data: { expiresAt: now } });
  const revoked: Revoked = { sessions: sessions.count, apiTokens: apiTokens.count, appAuthorizations: grants.length };
  if (options.webhookEndpoints) {
    const endpoints = await tx.webhookEndpoint.deleteMany({ where: { ownerId: userId, organizationId: { not: null }, oauthClientId: null } });
    revoked.webhookEndpoints = endpoints.count;
  }
  return revoked;
}
