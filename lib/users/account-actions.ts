"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { z } from "zod";
import { formStateFromError, invalidForm, type FormState } from "../forms";
import { clientAddress } from "../http/client-address";
import { emailSchema, passwordSchema, registerSchema } from "../schemas/users";
import { describeRevoked, requestPasswordReset, resetPassword } from "./recovery";
import { confirmEmail, registerAccount } from "./registration";

const token = z.string().min(10).max(200);

/** The confirmation link's button: a POST, so mail scanners that open links use nothing up. */
export async function confirmEmailAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const parsed = token.safeParse(formData.get("token"));
  if (!parsed.success) return { ok: false, message: "This link is incomplete: open the one in the e-mail.", fieldErrors: {} };
  try {
    await confirmEmail(parsed.data);
  } catch (error) {
    return formStateFromError(error);
  }
  redirect("/signin?verified=1");
}

/** "Forgot password": the same answer whether or not the address has an account. */
export async function forgotPasswordAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const parsed = z.object({ email: emailSchema }).safeParse({ email: formData.get("email") });
  if (!parsed.success) return invalidForm(parsed.error);
  try {
    await requestPasswordReset(parsed.data.email, clientAddress(await headers()));
  } catch (error) {
    return formStateFromError(error);
  }
  return { ok: true, message: `If ${parsed.data.email} has an account, we sent it a link to choose a new password. It works once, within an hour.` };
}

/** The new password, then what it ended, so the person sees whether anything else was signed in as them. */
export async function resetPasswordAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const parsed = z.object({ token, password: passwordSchema }).safeParse({ token: formData.get("token"), password: formData.get("password") });
  if (!parsed.success) return invalidForm(parsed.error);
  try {
    const revoked = await resetPassword(parsed.data.token, parsed.data.password, clientAddress(await headers()));
    return { ok: true, message: `Your new password is set. ${describeRevoked(revoked)}` };
  } catch (error) {
    return formStateFromError(error);
  }
}

/** Self-registration: creates the account, then sends to sign-in or to the inbox. */
export async function registerAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const parsed = registerSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return invalidForm(parsed.error);
  let outcome;
  try {
    outcome = await registerAccount(parsed.data, clientAddress(await headers()));
  } catch (error) {
    return formStateFromError(error);
  }
  if (outcome === "check-email") {
    return { ok: true, message: `Check your e-mail: we sent a message to ${parsed.data.email} with what to do next.` };
  }
  redirect("/signin?registered=1");
}
