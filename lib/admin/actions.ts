"use server";

import { revalidatePath } from "next/cache";
import { getActor } from "../auth/session";
import { formStateFromError, invalidForm, signedOutState, type FormState } from "../forms";
import { personChangeSchema, type PersonChange } from "../schemas/admin";
import { changePerson } from "./people";

// A public POST endpoint like every server action: lib/admin/people.ts checks that the caller is an admin.

const done: Record<PersonChange, (email: string) => string> = {
  disable: (email) => `${email} is disabled: their sessions, API tokens, app authorizations and webhook endpoints were revoked.`,
  enable: (email) => `${email} is enabled: they can sign in again.`,
  promote: (email) => `${email} is now a platform admin.`,
  demote: (email) => `${email} is no longer a platform admin.`,
};

/** "Disable", "Enable", "Make admin", "Remove admin" on a person's page. */
export async function changePersonAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const actor = await getActor();
  if (!actor) return signedOutState;
  const parsed = personChangeSchema.safeParse({ userId: formData.get("userId"), change: formData.get("change") });
  if (!parsed.success) return invalidForm(parsed.error);
  try {
    const changed = await changePerson(actor, parsed.data.userId, parsed.data.change);
    revalidatePath("/admin/people", "layout");
    return { ok: true, message: done[parsed.data.change](changed.email) };
  } catch (error) {
    return formStateFromError(error);
  }
}
