import "server-only";
import type { NextRequest } from "next/server";
import { db } from "../db/client";
import { AppError } from "../http/errors";
import { hashSecret } from "./secrets";

export const scopes = ["requests:read", "requests:write"] as const;
export type Scope = (typeof scopes)[number];

/** The seed's 401 message, word for word. */
export const bearerUnauthorizedMessage = "You are not authorized. Generate authentication tokens via OAuth to access this resource.";

export interface BearerCaller {
  userId: string;
  clientId: string;
  scopes: string[];
}

// Writing last use on every call would turn each read into a write; once a minute is plenty.
const lastUsedPrecisionMs = 60_000;

/**
 * `/requests` accepts OAuth access tokens in `Authorization: Bearer` only (RFC 6750 §2.1): a TIMP
 * Token, a session cookie, or a token in the query string is a 401. A token of an app acting for
 * nobody (client_credentials), or without the scope, is a 403.
 */
export async function authenticateBearer(request: NextRequest, scope: Scope, now = new Date()): Promise<BearerCaller> {
  const [scheme, token, ...rest] = (request.headers.get("authorization") ?? "").trim().split(/\s+/);
  if (scheme?.toLowerCase() !== "bearer" || !token || rest.length) throw new AppError("unauthenticated", bearerUnauthorizedMessage);
  const record = await db.oAuthToken.findFirst({
    where: {
      tokenHash: hashSecret(token),
      kind: "access",
      revokedAt: null,
      expiresAt: { gt: now },
      OR: [{ grantId: null }, { grant: { revokedAt: null } }],
    },
    select: { id: true, userId: true, clientId: true, scopes: true, lastUsedAt: true, grantId: true, user: { select: { status: true } } },
  });
  if (!record || (record.user && record.user.status !== "active")) throw new AppError("unauthenticated", bearerUnauthorizedMessage);
  if (!record.userId) throw new AppError("forbidden", "This token acts for no person: use a token a person authorized.");
  if (!record.scopes.includes(scope)) throw new AppError("forbidden", `This token lacks the "${scope}" scope.`);
  if (!record.lastUsedAt || now.getTime() - record.lastUsedAt.getTime() > lastUsedPrecisionMs) {
    await db.oAuthToken.update({ where: { id: record.id }, data: { lastUsedAt: now } });
    if (record.grantId) await db.oAuthGrant.update({ where: { id: record.grantId }, data: { lastUsedAt: now } });
  }
  return { userId: record.userId, clientId: record.clientId, scopes: record.scopes };
}
