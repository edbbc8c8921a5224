"use server";

import { redirect } from "next/navigation";
import { getActor } from "@/lib/auth/session";
import { submitConnectionRequest, updateConnectionRequest } from "@/lib/connection-requests/commands";
import { db } from "@/lib/db/client";
import { formStateFromError, signedOutState, type FormState } from "@/lib/forms";
import { parseInput } from "@/lib/http/validate";
import { createConnectionRequestSchema, updateConnectionRequestSchema } from "@/lib/schemas/connection-requests";

/**
 * Creates a connection request, or edits one (`requestId`), from the portal form. The form sends
 * its fields as the API's JSON (`payload`), validated by the same schemas and written by the same
 * functions as the API; errors come back per field under the API's keys.
 */
export async function saveConnectionRequestAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const actor = await getActor();
  if (!actor) return signedOutState;
  const requestId = formData.get("requestId");
  let destination: string;
  try {
    const payload: unknown = JSON.parse(String(formData.get("payload") ?? "{}"));
    if (typeof requestId === "string" && requestId) {
      const input = parseInput(updateConnectionRequestSchema, payload);
      await db.$transaction((tx) => updateConnectionRequest(tx, actor, requestId, input));
      destination = `/connections/${requestId}`;
    } else {
      const input = parseInput(createConnectionRequestSchema, payload);
      const created = await submitConnectionRequest(actor, input);
      destination = `/connections/${(created.body as { request_uuid: string }).request_uuid}`;
    }
  } catch (error) {
    if (error instanceof SyntaxError) return { ok: false, message: "The form could not be read. Reload and try again.", fieldErrors: {} };
    return formStateFromError(error);
  }
  redirect(destination);
}
