"use server";

import { revalidatePath } from "next/cache";
import { invalidForm, signedOutState, type FormState } from "../forms";
import { createApiTokenSchema, revokeApiTokenSchema } from "../schemas/api-tokens";
import { issueApiToken, revokeApiToken } from "./api-tokens";
import { getActor } from "./session";

export type CreateTokenState = FormState | { ok: true; token: string; name: string };

/** Server actions are public endpoints: each checks its caller itself. */
export async function createApiTokenAction(_previous: CreateTokenState, formData: FormData): Promise<CreateTokenState> {
  const actor = await getActor();
  if (!actor) return signedOutState;
  const parsed = createApiTokenSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return invalidForm(parsed.error);
  const { token } = await issueApiToken(actor.userId, {
    name: parsed.data.name,
    lifetimeMs: parsed.data.expiresInDays * 24 * 60 * 60 * 1000,
  });
  revalidatePath("/settings/tokens");
  return { ok: true, token, name: parsed.data.name };
}

/** Revokes one of the caller's own tokens; anyone else's id changes nothing. */
export async function revokeApiTokenAction(formData: FormData): Promise<void> {
  const actor = await getActor();
  if (!actor) return;
  const parsed = revokeApiTokenSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return;
  await revokeApiToken(actor, parsed.data.tokenId);
  revalidatePath("/settings/tokens");
}
