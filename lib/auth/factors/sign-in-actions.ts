"use server";

import type { AuthenticationResponseJSON, PublicKeyCredentialRequestOptionsJSON } from "@simplewebauthn/server";
import { headers } from "next/headers";
import { formStateFromError, invalidForm } from "../../forms";
import { clientAddress } from "../../http/client-address";
import { AppError } from "../../http/errors";
import { safeReturnPath } from "../../http/return-path";
import { consume, consumeForAccount, passkeySignInPerAddress, rememberAddress, signIn } from "../../rate-limit";
import { secondFactorCodeSchema, webauthnResponseSchema } from "../../schemas/factors";
import type { SignInState } from "../session-actions";
import { startSessionCookie } from "../session-cookie";
import { passkeySignInOptions, verifyPasskeySignIn, type PasskeyCeremony } from "./passkeys";
import { completePendingSignIn, pendingSignIn, type PendingSignIn } from "./pending-sign-in";
import { acceptSecondFactorCode } from "./second-factor";

const expired: SignInState = { ok: false, message: "Your sign-in has expired: enter your password again.", fieldErrors: {} };
const tooMany: SignInState = { ok: false, message: "Too many attempts. Wait a few minutes and try again.", fieldErrors: {} };

async function finish(pending: PendingSignIn, method: "password" | "passkey"): Promise<SignInState> {
  if (!(await completePendingSignIn(pending))) return expired;
  await rememberAddress(signIn, pending.email, clientAddress(await headers()));
  await startSessionCookie(pending.userId, method);
  return { ok: true, returnTo: pending.returnTo };
}

/** The second step's "Verify": a code from the app or a recovery code, counted against the account's sign-in limit. */
export async function verifySecondFactorAction(_previous: SignInState, formData: FormData): Promise<SignInState> {
  const pending = await pendingSignIn();
  if (!pending) return expired;
  const parsed = secondFactorCodeSchema.safeParse({ code: formData.get("code") });
  if (!parsed.success) return invalidForm(parsed.error);
  try {
    await consumeForAccount(signIn, pending.email, clientAddress(await headers()));
  } catch (error) {
    if (error instanceof AppError && error.code === "rate_limited") return tooMany;
    throw error;
  }
  if (!(await acceptSecondFactorCode(pending.userId, parsed.data.code))) {
    return { ok: false, message: "Please correct the fields marked below.", fieldErrors: { code: ["That code is not right, or was already used."] } };
  }
  return finish(pending, "password");
}

/** The second step's "Use a passkey": a challenge only the waiting person's passkeys can answer. */
export async function passkeySecondFactorOptionsAction(): Promise<PasskeyCeremony<PublicKeyCredentialRequestOptionsJSON> | null> {
  const pending = await pendingSignIn();
  return pending ? passkeySignInOptions(pending.userId) : null;
}

export async function passkeySecondFactorAction(challengeId: string, response: AuthenticationResponseJSON): Promise<SignInState> {
  const pending = await pendingSignIn();
  if (!pending) return expired;
  const parsed = webauthnResponseSchema.safeParse(response);
  if (!parsed.success || typeof challengeId !== "string") return { ok: false, message: "That passkey was not accepted.", fieldErrors: {} };
  try {
    const userId = await verifyPasskeySignIn(challengeId, parsed.data as unknown as AuthenticationResponseJSON);
    if (userId !== pending.userId) return { ok: false, message: "That passkey was not accepted.", fieldErrors: {} };
  } catch (error) {
    return formStateFromError(error);
  }
  return finish(pending, "passkey");
}

/** "Sign in with a passkey" on the sign-in page: any of this site's passkeys, no address typed. */
export async function passkeySignInOptionsAction(): Promise<PasskeyCeremony<PublicKeyCredentialRequestOptionsJSON>> {
  return passkeySignInOptions(null);
}

export async function passkeySignInAction(challengeId: string, response: AuthenticationResponseJSON, returnTo: string): Promise<SignInState> {
  const parsed = webauthnResponseSchema.safeParse(response);
  if (!parsed.success || typeof challengeId !== "string") return { ok: false, message: "That passkey was not accepted.", fieldErrors: {} };
  try {
    await consume(passkeySignInPerAddress, clientAddress(await headers()));
    const userId = await verifyPasskeySignIn(challengeId, parsed.data as unknown as AuthenticationResponseJSON);
    await startSessionCookie(userId, "passkey");
  } catch (error) {
    if (error instanceof AppError && error.code === "rate_limited") return tooMany;
    return formStateFromError(error);
  }
  return { ok: true, returnTo: safeReturnPath(typeof returnTo === "string" ? returnTo : "/") };
}
