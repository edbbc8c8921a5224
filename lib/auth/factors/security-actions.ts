"use server";

import type { PublicKeyCredentialCreationOptionsJSON, RegistrationResponseJSON } from "@simplewebauthn/server";
import { revalidatePath } from "next/cache";
import { formStateFromError, invalidForm, signedOutState, type FormState } from "../../forms";
import { passkeyIdSchema, passkeyNameSchema, renamePasskeySchema, sessionIdSchema, totpCodeSchema, webauthnResponseSchema } from "../../schemas/factors";
import { getActor } from "../session";
import { endSignedInBrowser } from "../sessions";
import { passkeyRegistrationOptions, registerPasskey, removePasskey, renamePasskey, type PasskeyCeremony } from "./passkeys";
import { issueRecoveryCodes } from "./recovery-codes";
import { acceptTotpCode, confirmTotpEnrolment, disableTotp, startTotpEnrolment, type TotpEnrolment } from "./totp";

// Public POST endpoints like every server action: each reads the signed-in person itself and
// touches only their own factors and sessions.

const securityPage = "/settings/security";

/** A form's outcome, with the recovery codes when this step made new ones (shown once). */
export type SecurityState = (FormState & { recoveryCodes?: string[] }) | null;

async function signedIn(run: (actor: NonNullable<Awaited<ReturnType<typeof getActor>>>) => Promise<SecurityState>): Promise<SecurityState> {
  const actor = await getActor();
  if (!actor) return signedOutState;
  try {
    const outcome = await run(actor);
    revalidatePath(securityPage);
    return outcome;
  } catch (error) {
    return formStateFromError(error);
  }
}

/** "Set up an authenticator app": a new key, shown as a QR code and typed out. */
export async function startTotpEnrolmentAction(): Promise<TotpEnrolment | { error: string }> {
  const actor = await getActor();
  if (!actor) return { error: "Your session has ended. Sign in again." };
  try {
    return await startTotpEnrolment(actor);
  } catch (error) {
    const state = formStateFromError(error);
    return { error: state && !state.ok ? state.message : "Could not start." };
  }
}

/** The first code turns the app on and gives ten recovery codes. */
export async function confirmTotpAction(_previous: SecurityState, formData: FormData): Promise<SecurityState> {
  const parsed = totpCodeSchema.safeParse({ code: formData.get("code") });
  if (!parsed.success) return invalidForm(parsed.error);
  return signedIn(async (actor) => ({ ok: true, message: "Your authenticator app is on. Keep these recovery codes somewhere safe: each works once, and they are shown only now.", recoveryCodes: await confirmTotpEnrolment(actor, parsed.data.code) }));
}

/** Turning the app off takes one of its codes, so a borrowed session cannot do it. */
export async function disableTotpAction(_previous: SecurityState, formData: FormData): Promise<SecurityState> {
  const parsed = totpCodeSchema.safeParse({ code: formData.get("code") });
  if (!parsed.success) return invalidForm(parsed.error);
  return signedIn(async (actor) => {
    if (!(await acceptTotpCode(actor.userId, parsed.data.code))) return { ok: false, message: "Please correct the fields marked below.", fieldErrors: { code: ["That code is not right, or was already used."] } };
    await disableTotp(actor);
    return { ok: true, message: "Your authenticator app is off, and its recovery codes no longer work." };
  });
}

export async function newRecoveryCodesAction(_previous: SecurityState, formData: FormData): Promise<SecurityState> {
  const parsed = totpCodeSchema.safeParse({ code: formData.get("code") });
  if (!parsed.success) return invalidForm(parsed.error);
  return signedIn(async (actor) => {
    if (!(await acceptTotpCode(actor.userId, parsed.data.code))) return { ok: false, message: "Please correct the fields marked below.", fieldErrors: { code: ["That code is not right, or was already used."] } };
    return { ok: true, message: "New recovery codes: the old ones no longer work. They are shown only now.", recoveryCodes: await issueRecoveryCodes(actor.userId) };
  });
}

/** "Add a passkey", first half: the options the browser's authenticator signs. */
export async function passkeyRegistrationOptionsAction(): Promise<PasskeyCeremony<PublicKeyCredentialCreationOptionsJSON> | null> {
  const actor = await getActor();
  return actor ? passkeyRegistrationOptions(actor) : null;
}

/** "Add a passkey", second half: keeps it under the name given. */
export async function registerPasskeyAction(challengeId: string, response: RegistrationResponseJSON, name: string): Promise<SecurityState> {
  const parsedName = passkeyNameSchema.safeParse(name);
  if (!parsedName.success) return { ok: false, message: "Please correct the fields marked below.", fieldErrors: { name: parsedName.error.issues.map((issue) => issue.message) } };
  const parsed = webauthnResponseSchema.safeParse(response);
  if (!parsed.success || typeof challengeId !== "string") return { ok: false, message: "The passkey could not be verified: try again.", fieldErrors: {} };
  return signedIn(async (actor) => {
    const passkey = await registerPasskey(actor, challengeId, parsed.data as unknown as RegistrationResponseJSON, parsedName.data);
    return { ok: true, message: `Passkey "${passkey.name}" added.` };
  });
}

export async function renamePasskeyAction(_previous: SecurityState, formData: FormData): Promise<SecurityState> {
  const parsed = renamePasskeySchema.safeParse({ passkeyId: formData.get("passkeyId"), name: formData.get("name") });
  if (!parsed.success) return invalidForm(parsed.error);
  return signedIn(async (actor) => {
    await renamePasskey(actor, parsed.data.passkeyId, parsed.data.name);
    return { ok: true, message: `Passkey renamed to "${parsed.data.name}".` };
  });
}

export async function removePasskeyAction(_previous: SecurityState, formData: FormData): Promise<SecurityState> {
  const parsed = passkeyIdSchema.safeParse({ passkeyId: formData.get("passkeyId") });
  if (!parsed.success) return invalidForm(parsed.error);
  return signedIn(async (actor) => {
    await removePasskey(actor, parsed.data.passkeyId);
    return { ok: true, message: "Passkey removed." };
  });
}

/** "Sign out" on one of the person's signed-in browsers. */
export async function endSessionAction(_previous: SecurityState, formData: FormData): Promise<SecurityState> {
  const parsed = sessionIdSchema.safeParse({ sessionId: formData.get("sessionId") });
  if (!parsed.success) return invalidForm(parsed.error);
  return signedIn(async (actor) => {
    const ended = await endSignedInBrowser(actor, parsed.data.sessionId);
    return ended ? { ok: true, message: "That browser is signed out." } : { ok: false, message: "That session had already ended.", fieldErrors: {} };
  });
}
