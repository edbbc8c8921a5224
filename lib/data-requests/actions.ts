"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getActor } from "../auth/session";
import { formStateFromError, invalidForm, signedOutState, type FormState } from "../forms";
import { createDataRequestSchema } from "../schemas/data-requests";
import { retryDataRequest } from "./admin";
import { cancelDataRequest, createDataRequest } from "./requests";

/** Files a data request from the portal: the same schema and function as POST /api/requests. */
export async function createDataRequestAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const actor = await getActor();
  if (!actor) return signedOutState;
  const parsed = createDataRequestSchema.safeParse({ dataRequested: formData.getAll("dataRequested") });
  if (!parsed.success) return invalidForm(parsed.error);
  try {
    await createDataRequest(actor.userId, parsed.data.dataRequested);
  } catch (error) {
    return formStateFromError(error);
  }
  revalidatePath("/requests");
  return { ok: true, message: "Request filed. We will build your copy in the background." };
}

export async function cancelDataRequestAction(formData: FormData): Promise<void> {
  const actor = await getActor();
  const id = z.uuid().safeParse(formData.get("requestId"));
  if (!actor || !id.success) return;
  await cancelDataRequest(actor.userId, id.data).catch(() => undefined); // already gone or done: nothing to cancel
  revalidatePath("/requests");
}

/** Puts a failed data request back in the queue; the admin check is in lib. */
export async function retryDataRequestAction(formData: FormData): Promise<void> {
  const actor = await getActor();
  const id = z.uuid().safeParse(formData.get("requestId"));
  if (!actor || !id.success) return;
  await retryDataRequest(actor, id.data);
  revalidatePath("/admin/data-requests");
}
