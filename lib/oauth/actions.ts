"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getActor } from "../auth/session";
import { formStateFromError, invalidForm, signedOutState, type FormState } from "../forms";
import { registerOAuthClientSchema } from "../schemas/oauth";
import { deleteOAuthClient, registerOAuthClient, rotateOAuthClientSecret } from "./clients";
import { revokeAuthorizedApp } from "./tokens";

export type AppSecretState = FormState | { ok: true; clientId?: string; secret: string | null; message: string };

export async function registerAppAction(_previous: AppSecretState, formData: FormData): Promise<AppSecretState> {
  const actor = await getActor();
  if (!actor) return signedOutState;
  const parsed = registerOAuthClientSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return invalidForm(parsed.error);
  const { clientId, secret } = await registerOAuthClient(actor, parsed.data);
  revalidatePath("/settings/apps");
  return { ok: true, clientId, secret, message: `Registered. Client id: ${clientId}.` };
}

export async function rotateSecretAction(_previous: AppSecretState, formData: FormData): Promise<AppSecretState> {
  const actor = await getActor();
  if (!actor) return signedOutState;
  const id = z.uuid().safeParse(formData.get("id"));
  if (!id.success) return { ok: false, message: "Unknown app.", fieldErrors: {} };
  try {
    const secret = await rotateOAuthClientSecret(actor, id.data);
    return { ok: true, secret, message: "New secret issued; the old one no longer works." };
  } catch (error) {
    return formStateFromError(error);
  }
}

export async function deleteAppAction(formData: FormData): Promise<void> {
  const actor = await getActor();
  const id = z.uuid().safeParse(formData.get("id"));
  if (!actor || !id.success) return;
  await deleteOAuthClient(actor, id.data).catch(() => undefined); // not theirs, or already gone
  revalidatePath("/settings/apps");
}

/** Revokes one of the caller's own authorizations; its tokens stop working on the next call. */
export async function revokeAuthorizationAction(formData: FormData): Promise<void> {
  const actor = await getActor();
  const id = z.uuid().safeParse(formData.get("grantId"));
  if (!actor || !id.success) return;
  await revokeAuthorizedApp(actor.userId, id.data);
  revalidatePath("/settings/authorized-apps");
}
