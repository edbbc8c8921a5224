"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getActor } from "@/lib/auth/session";
import { revokeAuthorizedApp } from "@/lib/oauth/tokens";

/** Revokes one of the caller's own authorizations; its tokens stop working on the next call. */
export async function revokeAuthorizationAction(formData: FormData): Promise<void> {
  const actor = await getActor();
  const id = z.uuid().safeParse(formData.get("grantId"));
  if (!actor || !id.success) return;
  await revokeAuthorizedApp(actor.userId, id.data);
  revalidatePath("/settings/authorized-apps");
}
