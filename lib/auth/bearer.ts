import "server-only";
import type { NextRequest } from "next/server";
import { db } from "../db/client";
import { AppError } from "../http/errors";
import { lastUsedPrecisionMs } from "./api-tokens";
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


/** The token of `Authorization: Bearer <token>`; anything else is a 401. */
export function bearerToken(request: NextRequest): string {
  const [scheme, token, ...rest] = (request.headers.get("authorization") ?? "").trim().split(/\s+/);
  if (scheme?.toLowerCase() !== "bearer" || !token || rest.length) throw new AppError("unauthenticated", bearerUnauthorizedMessage);
  return token;
}

/**
 * Why a found token (null: none usable) is refused, in the order the checks apply: no such
 * token, or its person disabled, 401; a token acting for nobody, or without the scope, 403.
 * Null: it passes. GET /requests applies the same checks inside its one statement.
 */
export function bearerRefusal(token: { personActive: boolean; forPerson: boolean; hasScope: boolean } | null, scope: Scope): AppError | null {
  if (!token || !token.personActive) return new AppError("unauthenticated", bearerUnauthorizedMessage);
  if (!token.forPerson) return new AppError("forbidden", "This token acts for no person: use a token a person authorized.");
  if (!token.hasScope) return new AppError("forbidden", `This token lacks the "${scope}" scope.`);
  return null;
}

/**
 * `/requests` accepts OAuth access tokens in `Authorization: Bearer` only (RFC 6750 §2.1): a TIMP
 * Token, a session cookie, or a token in the query string is a 401. A token of an app acting for
 * nobody (client_credentials), or without the scope, is a 403.
 */
export async function authenticateBearer(request: NextRequest, scope: Scope, now = new Date()): Promise<BearerCaller> {
  const token = bearerToken(request);
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
  const refusal = bearerRefusal(record && { personActive: !record.user || record.user.status === "active", forPerson: record.userId !== null, hasScope: record.scopes.includes(scope) }, scope);
  // A token without a person is always refused above; the second test is for the type checker.
  if (refusal || !record?.userId) throw refusal ?? new AppError("unauthenticated", bearerUnauthorizedMessage);
  if (!record.lastUsedAt || now.getTime() - record.lastUsedAt.getTime() > lastUsedPrecisionMs) {
    await db.oAuthToken.update({ where: { id: record.id }, data: { lastUsedAt: now } });
    if (record.grantId) await db.oAuthGrant.update({ where: { id: record.grantId }, data: { lastUsedAt: now } });
  }
  return { userId: record.userId, clientId: record.clientId, scopes: record.scopes };
}
