import "server-only";
import { encode } from "next-auth/jwt";
import { cookies } from "next/headers";
import { authSecret, secureCookies, sessionCookieName } from "./options";
import { createUserSession, sessionMaxAgeSeconds } from "./sessions";

/**
 * Signs the person in on this browser: a new session row, its id in next-auth's encrypted JWT, set
 * as next-auth's own cookie. Not a server action (this module has no "use server"): an action
 * exporting it would sign anyone in as any id.
 */
export async function startSessionCookie(userId: string): Promise<void> {
  const token = await encode({ token: { sid: await createUserSession(userId) }, secret: authSecret(), maxAge: sessionMaxAgeSeconds });
  (await cookies()).set(sessionCookieName(), token, { httpOnly: true, sameSite: "lax", secure: secureCookies(), path: "/", maxAge: sessionMaxAgeSeconds });
}
