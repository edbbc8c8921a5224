"use server";

import { revalidatePath } from "next/cache";
import { getActor } from "../auth/session";
import { formStateFromError, invalidForm, signedOutState, type FormState } from "../forms";
import { accountManagerFormSchema } from "../schemas/organizations";
import { setAccountManager } from "./account-managers";

/** The admin's "Account manager" form. A public endpoint: lib checks that the caller is an admin. */
export async function setAccountManagerAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const actor = await getActor();
  if (!actor) return signedOutState;
  const parsed = accountManagerFormSchema.safeParse({ organizationId: formData.get("organizationId"), accountManagerId: formData.get("accountManagerId") ?? "" });
  if (!parsed.success) return invalidForm(parsed.error);
  try {
    await setAccountManager(actor, parsed.data.organizationId, parsed.data.accountManagerId);
    revalidatePath("/admin/approvals/[id]", "page");
    return { ok: true, message: parsed.data.accountManagerId ? "Account manager saved." : "Account manager removed." };
  } catch (error) {
    return formStateFromError(error);
  }
}
