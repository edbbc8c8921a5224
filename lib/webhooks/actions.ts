"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getActor } from "../auth/session";
import { formStateFromError, invalidForm, signedOutState, type FormState } from "../forms";
import { createWebhookSchema } from "../schemas/webhooks";
import { createWebhookEndpoint, deleteWebhookEndpoint, enableWebhookEndpoint, rotateWebhookSecret, sendTestWebhook, setOAuthAppWebhook } from "./endpoints";

/** A form's answer that may carry a secret to show once. */
export type WebhookSecretState = FormState | { ok: true; secret: string; message: string };

const idOf = (formData: FormData) => z.uuid().safeParse(formData.get("id"));
const unknown: FormState = { ok: false, message: "Unknown endpoint.", fieldErrors: {} };

// Each is a public endpoint: lib/webhooks/endpoints.ts checks who owns what, for every caller.

export async function createWebhookAction(_previous: WebhookSecretState, formData: FormData): Promise<WebhookSecretState> {
  const actor = await getActor();
  if (!actor) return signedOutState;
  const parsed = createWebhookSchema.safeParse({ url: formData.get("url"), events: formData.getAll("events") });
  if (!parsed.success) return invalidForm(parsed.error);
  try {
    const { secret } = await createWebhookEndpoint(actor, parsed.data);
    revalidatePath("/settings/webhooks");
    return { ok: true, secret, message: "Endpoint added." };
  } catch (error) {
    return formStateFromError(error);
  }
}

export async function rotateWebhookSecretAction(_previous: WebhookSecretState, formData: FormData): Promise<WebhookSecretState> {
  const actor = await getActor();
  const id = idOf(formData);
  if (!actor) return signedOutState;
  if (!id.success) return unknown;
  try {
    const { secret } = await rotateWebhookSecret(actor, id.data);
    revalidatePath("/settings/webhooks");
    return { ok: true, secret, message: "New secret issued. The old one keeps verifying for 24 hours: deliveries carry both signatures until then." };
  } catch (error) {
    return formStateFromError(error);
  }
}

export async function deleteWebhookAction(formData: FormData): Promise<void> {
  const actor = await getActor();
  const id = idOf(formData);
  if (!actor || !id.success) return;
  await deleteWebhookEndpoint(actor, id.data).catch(() => undefined); // not theirs, or already gone
  revalidatePath("/settings/webhooks");
}

export async function sendTestWebhookAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const actor = await getActor();
  const id = idOf(formData);
  if (!actor) return signedOutState;
  if (!id.success) return unknown;
  try {
    await sendTestWebhook(actor, id.data);
    revalidatePath("/settings/webhooks");
    return { ok: true, message: "Test event queued." };
  } catch (error) {
    return formStateFromError(error); // the hourly limit per endpoint, said in words
  }
}

export async function enableWebhookAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const actor = await getActor();
  const id = idOf(formData);
  if (!actor) return signedOutState;
  if (!id.success) return unknown;
  try {
    const { requeued } = await enableWebhookEndpoint(actor, id.data);
    revalidatePath("/settings/webhooks");
    return { ok: true, message: `Enabled; ${requeued === 1 ? "1 delivery" : `${requeued} deliveries`} of the last 24 hours queued again.` };
  } catch (error) {
    return formStateFromError(error);
  }
}

/** An OAuth app's webhook URL for the data-request events of the people who authorized it; empty removes it. */
export async function setAppWebhookAction(_previous: WebhookSecretState, formData: FormData): Promise<WebhookSecretState> {
  const actor = await getActor();
  const id = idOf(formData);
  if (!actor) return signedOutState;
  if (!id.success) return { ok: false, message: "Unknown app.", fieldErrors: {} };
  const url = String(formData.get("url") ?? "").trim().slice(0, 2000);
  try {
    const { secret } = await setOAuthAppWebhook(actor, id.data, url || null);
    revalidatePath("/settings/apps");
    if (secret) return { ok: true, secret, message: "Webhook set." };
    return { ok: true, message: url ? "Webhook URL changed; the secret stays." : "Webhook removed." };
  } catch (error) {
    return formStateFromError(error);
  }
}
