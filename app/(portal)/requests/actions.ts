"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getActor } from "@/lib/auth/session";
import { cancelDataRequest, createDataRequest } from "@/lib/data-requests/requests";
import { formStateFromError, invalidForm, signedOutState, type FormState } from "@/lib/forms";
import { createDataRequestSchema } from "@/lib/schemas/data-requests";

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
