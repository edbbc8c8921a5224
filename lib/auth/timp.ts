import "server-only";
import type { NextRequest } from "next/server";
import { appUrl } from "../env";
import { AppError } from "../http/errors";
import type { Actor } from "./actor";
import { actorForApiToken } from "./api-tokens";
import { sessionCookieName } from "./options";
import { actorFromRequestCookie } from "./session";

const safeMethods = new Set(["GET", "HEAD", "OPTIONS"]);
const unauthenticated = (detail: string) => new AppError("unauthenticated", detail);

/**
 * TIMP routes accept `Authorization: Token <token>` (DRF's TokenAuthentication) or the portal's
 * session cookie. Any other scheme, or a token anywhere but that header, is a 401. A cookie on an
 * unsafe method must come with this app's own Origin (CSRF).
 */
export async function authenticateTimp(request: NextRequest): Promise<Actor> {
  const authorization = request.headers.get("authorization");
  if (authorization !== null) {
    const [scheme, token, ...rest] = authorization.trim().split(/\s+/);
    if (scheme?.toLowerCase() !== "token") throw unauthenticated("Authentication credentials were not provided.");
    if (!token || rest.length) throw unauthenticated("Invalid token header. Token string should not contain spaces.");
    const actor = await actorForApiToken(token);
    if (!actor) throw unauthenticated("Invalid token.");
    return actor;
  }

  if (request.cookies.has(sessionCookieName())) {
    if (!safeMethods.has(request.method)) assertSameOrigin(request);
    const actor = await actorFromRequestCookie(request);
    if (actor) return actor;
  }
  throw unauthenticated("Authentication credentials were not provided.");
}

/** Cookie-authenticated writes must come from this app's own pages (CSRF). */
export function assertSameOrigin(request: NextRequest) {
  const origin = request.headers.get("origin");
  if (origin !== new URL(appUrl()).origin) {
    throw new AppError("forbidden", `CSRF Failed: Origin checking failed - ${origin ?? "no Origin"} does not match any trusted origins.`);
  }
}
