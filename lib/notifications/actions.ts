"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getActor } from "../auth/session";
import { markNotificationsRead } from "./notifications";

const markReadForm = z.union([z.object({ all: z.literal("1") }).transform(() => "all" as const), z.object({ id: z.uuid() }).transform(({ id }) => [id])]);

/** Marks one notification, or all, read. A public endpoint: only the caller's own change. */
export async function markReadAction(formData: FormData): Promise<void> {
  const actor = await getActor();
  const parsed = markReadForm.safeParse(Object.fromEntries(formData));
  if (!actor || !parsed.success) return;
  await markNotificationsRead(actor, parsed.data);
  revalidatePath("/", "layout");
}
