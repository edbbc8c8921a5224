"use server";

import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { getActor } from "../auth/session";
import { startSessionCookie } from "../auth/session-cookie";
import { formStateFromError, invalidForm, signedOutState, type FormState } from "../forms";
import { AppError } from "../http/errors";
import { clientAddress } from "../http/client-address";
import { acceptInvitationSchema, linkSupplierSchema, revokeInvitationSchema, sendInvitationSchema } from "../schemas/invitations";
import { acceptSupplierInvitation } from "./invitation-acceptance";
import { linkSupplierOrganization, revokeSupplierInvitation, sendSupplierInvitation } from "./invitation-admin";

// Public POST endpoints like every server action: the admin ones are checked again in lib.

/**
 * The invitation page's form. The link proved the address, so the new member is signed in at
 * once, with the same session cookie as the sign-in form sets.
 */
export async function acceptInvitationAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const parsed = acceptInvitationSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return invalidForm(parsed.error);
  let userId: string;
  try {
    ({ userId } = await acceptSupplierInvitation(parsed.data, clientAddress(await headers())));
  } catch (error) {
    if (error instanceof AppError && error.code === "rate_limited") return { ok: false, message: "Too many attempts. Wait a few minutes and try again.", fieldErrors: {} };
    return formStateFromError(error);
  }
  await startSessionCookie(userId, "invitation");
  redirect("/");
}

/** "Send invitation" / "Resend invitation" on the admin's request page. */
export async function sendInvitationAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const actor = await getActor();
  if (!actor) return signedOutState;
  const parsed = sendInvitationSchema.safeParse({ connectionId: formData.get("connectionId"), email: formData.get("email") ?? undefined });
  if (!parsed.success) return invalidForm(parsed.error);
  try {
    const sentTo = await sendSupplierInvitation(actor, parsed.data.connectionId, parsed.data.email);
    revalidatePath("/admin/approvals/[id]", "page");
    return { ok: true, message: `Invitation sent to ${sentTo}. Earlier links no longer work.` };
  } catch (error) {
    return formStateFromError(error);
  }
}

export async function revokeInvitationAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const actor = await getActor();
  if (!actor) return signedOutState;
  const parsed = revokeInvitationSchema.safeParse({ connectionId: formData.get("connectionId") });
  if (!parsed.success) return invalidForm(parsed.error);
  try {
    await revokeSupplierInvitation(actor, parsed.data.connectionId);
    revalidatePath("/admin/approvals/[id]", "page");
    return { ok: true, message: "Invitation revoked: its link no longer works." };
  } catch (error) {
    return formStateFromError(error);
  }
}

/** "Link supplier organization" on the admin's request page, for a supplier already on the portal. */
export async function linkSupplierAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const actor = await getActor();
  if (!actor) return signedOutState;
  const parsed = linkSupplierSchema.safeParse({ connectionId: formData.get("connectionId"), supplier_organization_uuid: formData.get("supplier_organization_uuid") });
  if (!parsed.success) return invalidForm(parsed.error);
  try {
    await linkSupplierOrganization(actor, parsed.data.connectionId, parsed.data.supplier_organization_uuid);
    revalidatePath("/admin/approvals/[id]", "page");
    return { ok: true, message: "Supplier organization linked: its members can now confirm the connection." };
  } catch (error) {
    return formStateFromError(error);
  }
}
