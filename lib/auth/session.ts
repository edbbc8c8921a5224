import "server-only";
import { decode } from "next-auth/jwt";
import { cookies } from "next/headers";
import type { NextRequest } from "next/server";
import { notFound, redirect } from "next/navigation";
import { cache } from "react";
import { appUrl } from "../env";
import { AppError } from "../http/errors";
import { isAdmin, mustEnrolSecondFactor, type Actor } from "./actor";
import { authSecret, sessionCookieName } from "./options";
import { actorForSession } from "./sessions";

/** The session id inside a next-auth session cookie, or null when it is missing or forged. */
export async function sessionIdFromCookie(cookieValue: string | undefined): Promise<string | null> {
  if (!cookieValue) return null;
  try {
    const token = await decode({ token: cookieValue, secret: authSecret() });
    return typeof token?.sid === "string" ? token.sid : null;
  } catch {
    return null;
  }
}

/** The signed-in person behind a route handler's request cookie, or null. */
export async function actorFromRequestCookie(request: NextRequest): Promise<Actor | null> {
  const sessionId = await sessionIdFromCookie(request.cookies.get(sessionCookieName())?.value);
  return sessionId ? actorForSession(sessionId) : null;
}

/**
 * Cookie-authenticated writes must come from this app's own pages (CSRF): another origin,
 * `Origin: null` or no Origin at all is refused. The message is the one DRF's TIMP clients know.
 */
export function assertSameOrigin(request: NextRequest) {
  const origin = request.headers.get("origin");
  if (origin !== new URL(appUrl()).origin) {
    throw new AppError("forbidden", `CSRF Failed: Origin checking failed - ${origin ?? "no Origin"} does not match any trusted origins.`);
  }
}

/** This browser's session id (from its cookie), or null. */
export const currentSessionId = cache(async (): Promise<string | null> => sessionIdFromCookie((await cookies()).get(sessionCookieName())?.value));

/** The signed-in person for the page being rendered (once per request), or null. */
export const getActor = cache(async (): Promise<Actor | null> => {
  const sessionId = await currentSessionId();
  return sessionId ? actorForSession(sessionId) : null;
});

/** Where an admin without a second factor is sent, when REQUIRE_ADMIN_MFA says they need one. */
export const enrolmentPage = "/settings/security";

/**
 * Pages for signed-in people: anyone else goes to sign in and comes back. An admin who must
 * enrol a second factor first reaches only the enrolment page.
 */
export async function requireActor(returnTo: string): Promise<Actor> {
  const actor = await getActor();
  if (!actor) redirect(`/signin?callbackUrl=${encodeURIComponent(returnTo)}`);
  if (mustEnrolSecondFactor(actor) && !returnTo.startsWith(enrolmentPage)) redirect(`${enrolmentPage}?enrol=1`);
  return actor;
}

/** Admin pages answer 404 to everyone else: they do not reveal that they exist. */
export async function requireAdmin(returnTo: string): Promise<Actor> {
  const actor = await requireActor(returnTo);
  if (!isAdmin(actor)) notFound();
  return actor;
}
