"use server";

import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { formStateFromError, type FormState } from "../forms";
import { AppError } from "../http/errors";
import { safeReturnPath } from "../http/return-path";
import { sessionCookieName, verifyCredentials } from "./options";
import { sessionIdFromCookie } from "./session";
import { startPendingSignIn } from "./factors/pending-sign-in";
import { startSessionCookie } from "./session-cookie";
import { revokeUserSession } from "./sessions";

export type SignInState = FormState | { ok: true; returnTo: string };

/**
 * The portal's sign-in: the same rate-limited check as next-auth's credentials callback and the
 * same cookie (a session id in next-auth's encrypted JWT), without shipping next-auth's client
 * library to every page. The form then navigates to `returnTo` itself: it may be a route handler
 * (OAuth authorize) rather than a page.
 */
export async function signInAction(_previous: SignInState, formData: FormData): Promise<SignInState> {
  const returnTo = safeReturnPath(String(formData.get("returnTo") ?? "/"));
  let user;
  try {
    user = await verifyCredentials({ email: formData.get("email"), password: formData.get("password") }, await headers());
  } catch (error) {
    if (error instanceof AppError && error.code === "rate_limited") return { ok: false, message: "Too many attempts. Wait a few minutes and try again.", fieldErrors: {} };
    return formStateFromError(error);
  }
  if (!user) return { ok: false, message: "The e-mail address or password is not right.", fieldErrors: {} };
  if (user.secondFactorAt) {
    // The password was right; the session starts once the second factor is given too.
    await startPendingSignIn(user.id, returnTo);
    return { ok: true, returnTo: `/signin/verify?callbackUrl=${encodeURIComponent(returnTo)}` };
  }
  await startSessionCookie(user.id);
  return { ok: true, returnTo };
}

/** Ends the session in the database (a copied cookie stops working too) and drops the cookie. */
export async function signOutAction(): Promise<void> {
  const store = await cookies();
  const sessionId = await sessionIdFromCookie(store.get(sessionCookieName())?.value);
  if (sessionId) await revokeUserSession(sessionId);
  store.delete(sessionCookieName());
  redirect("/signin");
}
