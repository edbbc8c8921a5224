import "server-only";
import { encode } from "next-auth/jwt";
import { cookies, headers } from "next/headers";
import { clientAddress } from "../http/client-address";
import { authSecret, secureCookies, sessionCookieName } from "./options";
import { createUserSession, sessionMaxAgeSeconds, type SignInMethod } from "./sessions";

/** The request's browser and address, for the session's row (the Security tab lists them). */
export async function requestOrigin(method: SignInMethod) {
  const incoming = await headers();
  return { userAgent: incoming.get("user-agent") ?? "", ipAddress: clientAddress(incoming), method };
}

/**
 * Signs the person in on this browser: a new session row, its id in next-auth's encrypted JWT, set
 * as next-auth's own cookie. Not a server action (this module has no "use server"): an action
 * exporting it would sign anyone in as any id.
 */
export async function startSessionCookie(userId: string, method: SignInMethod = "password"): Promise<void> {
  const sid = await createUserSession(userId, await requestOrigin(method));
  const token = await encode({ token: { sid }, secret: authSecret(), maxAge: sessionMaxAgeSeconds });
  (await cookies()).set(sessionCookieName(), token, { httpOnly: true, sameSite: "lax", secure: secureCookies(), path: "/", maxAge: sessionMaxAgeSeconds });
}
