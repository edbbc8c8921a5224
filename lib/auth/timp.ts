import "server-only";
import type { NextRequest } from "next/server";
import { AppError } from "../http/errors";
import { mustEnrolSecondFactor, secondFactorFirst, type Actor } from "./actor";
import { actorForApiToken } from "./api-tokens";
import { sessionCookieName } from "./options";
import { actorFromRequestCookie, assertSameOrigin } from "./session";

const safeMethods = new Set(["GET", "HEAD", "OPTIONS"]);
const unauthenticated = (detail: string) => new AppError("unauthenticated", detail);

/**
 * TIMP routes accept `Authorization: Token <token>` (DRF's TokenAuthentication) or the portal's
 * session cookie. Any other scheme, or a token anywhere but that header, is a 401. A cookie on an
 * unsafe method must come with this app's own Origin (CSRF).
 */
export async function authenticateTimp(request: NextRequest): Promise<Actor> {
  const actor = await timpCaller(request);
  assertMayUseApi(actor);
  return actor;
}

/** An admin who must enrol a second factor first has no API either (REQUIRE_ADMIN_MFA). */
export function assertMayUseApi(caller: Pick<Actor, "role" | "hasSecondFactor">): void {
  if (mustEnrolSecondFactor(caller)) throw new AppError("forbidden", secondFactorFirst);
}

/**
 * The token of `Authorization: Token <token>`; null when the request has no Authorization header
 * (it may carry a session cookie). Any other scheme or a malformed header is a 401.
 */
export function timpToken(request: NextRequest): string | null {
  const authorization = request.headers.get("authorization");
  if (authorization === null) return null;
  const [scheme, token, ...rest] = authorization.trim().split(/\s+/);
  if (scheme?.toLowerCase() !== "token") throw unauthenticated("Authentication credentials were not provided.");
  if (!token || rest.length) throw unauthenticated("Invalid token header. Token string should not contain spaces.");
  return token;
}

export const invalidToken = () => unauthenticated("Invalid token.");

async function timpCaller(request: NextRequest): Promise<Actor> {
  const token = timpToken(request);
  if (token !== null) {
    const actor = await actorForApiToken(token);
    if (!actor) throw invalidToken();
    return actor;
  }

  if (request.cookies.has(sessionCookieName())) {
    if (!safeMethods.has(request.method)) assertSameOrigin(request);
    const actor = await actorFromRequestCookie(request);
    if (actor) return actor;
  }
  throw unauthenticated("Authentication credentials were not provided.");
}
