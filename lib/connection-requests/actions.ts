"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getActor } from "../auth/session";
import { formStateFromError, signedOutState, type FormState } from "../forms";
import { resubmitConnectionRequest } from "./commands";

/** The requester sends an edited request back to the admins. A public endpoint: lib checks who. */
export async function resubmitAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const actor = await getActor();
  if (!actor) return signedOutState;
  const id = z.uuid().safeParse(formData.get("requestId"));
  if (!id.success) return { ok: false, message: "There is no such request.", fieldErrors: {} };
  try {
    await resubmitConnectionRequest(actor, id.data);
  } catch (error) {
    return formStateFromError(error);
  }
  revalidatePath(`/connections/${id.data}`);
  return { ok: true, message: "Resubmitted: the admins will review it again." };
}
