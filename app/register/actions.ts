"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { formStateFromError, invalidForm, type FormState } from "@/lib/forms";
import { clientAddress } from "@/lib/http/client-address";
import { registerSchema } from "@/lib/schemas/users";
import { registerAccount } from "@/lib/users/registration";

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
