"use server";

import { redirect } from "next/navigation";
import { db } from "@/lib/db/client";
import { formStateFromError, invalidForm, type FormState } from "@/lib/forms";
import { registerSchema } from "@/lib/schemas/users";
import { createAccount } from "@/lib/users/accounts";

/** Self-registration: always a member; only operators make admins (see the CLI). */
export async function registerAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const parsed = registerSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return invalidForm(parsed.error);
  try {
    await createAccount(db, parsed.data, { joinExisting: false });
  } catch (error) {
    return formStateFromError(error);
  }
  redirect("/signin?registered=1");
}
