"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getActor } from "../auth/session";
import { markNotificationsRead, markReadFor } from "./notifications";

const markReadForm = z.union([z.object({ all: z.literal("1") }).transform(() => "all" as const), z.object({ id: z.uuid() }).transform(({ id }) => [id])]);

/** Marks one notification, or all, read. A public endpoint: only the caller's own change. */
export async function markReadAction(formData: FormData): Promise<void> {
  const actor = await getActor();
  const parsed = markReadForm.safeParse(Object.fromEntries(formData));
  if (!actor || !parsed.success) return;
  await markNotificationsRead(actor, parsed.data);
  revalidatePath("/", "layout");
}

const subjectSchema = z.union([
  z.object({ connectionRequestId: z.uuid() }).strict(),
  z.object({ connectionId: z.uuid() }).strict(),
  z.object({ dataRequests: z.literal(true) }).strict(),
]);

/** Marks read what the caller was told about a request they opened (components/notifications/mark-read-on-view.tsx). */
export async function markSubjectReadAction(subject: unknown): Promise<void> {
  const actor = await getActor();
  const parsed = subjectSchema.safeParse(subject);
  if (!actor || !parsed.success) return;
  if ((await markReadFor(actor, parsed.data)) > 0) revalidatePath("/", "layout");
}
