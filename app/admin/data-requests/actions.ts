"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getActor } from "@/lib/auth/session";
import { retryDataRequest } from "@/lib/data-requests/admin";

/** Puts a failed data request back in the queue; the admin check is in lib. */
export async function retryDataRequestAction(formData: FormData): Promise<void> {
  const actor = await getActor();
  const id = z.uuid().safeParse(formData.get("requestId"));
  if (!actor || !id.success) return;
  await retryDataRequest(actor, id.data);
  revalidatePath("/admin/data-requests");
}
