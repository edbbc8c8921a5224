"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { getActor } from "../auth/session";
import { formStateFromError, invalidForm, signedOutState, type FormState } from "../forms";
import { parseInput } from "../http/validate";
import { createConnectionRequestSchema, decisionFormSchema, updateConnectionRequestSchema } from "../schemas/connection-requests";
import { resubmitConnectionRequest, submitConnectionRequest, updateConnectionRequest } from "./commands";
import { decideConnectionRequests } from "./decisions";

// Server actions are public POST endpoints: each checks its caller, and lib checks what they may do.

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
      await updateConnectionRequest(actor, requestId, input);
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

/**
 * Approves, rejects or sends back one request or a selection. A public endpoint like any server action: the
 * admin check happens in lib (decideConnectionRequests), for every caller. The form sends the
 * version of each request it showed (`versions`), so a request edited since is not decided unseen.
 */
export async function decideAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const actor = await getActor();
  if (!actor) return signedOutState;
  const parsed = decisionFormSchema.safeParse({
    decision: formData.get("decision"),
    ids: formData.getAll("ids"),
    reason: formData.get("reason") ?? undefined,
    versions: formData.getAll("versions"),
    supplier_organization_uuid: formData.get("supplier_organization_uuid") ?? undefined,
  });
  if (!parsed.success) return invalidForm(parsed.error);
  try {
    const { decision, ids, versions } = parsed.data;
    const results = await decideConnectionRequests(
      actor,
      ids,
      parsed.data.decision === "approve"
        ? { kind: "approve", supplierOrganizationId: parsed.data.supplier_organization_uuid }
        : parsed.data.decision === "reject"
          ? { kind: "reject", reason: parsed.data.reason }
          : { kind: "request_changes", message: parsed.data.reason },
      versions,
    );
    // Failed or not, the pages show the requests as they are now (a stale one's new content).
    revalidatePath("/admin/approvals");
    for (const id of ids) revalidatePath(`/admin/approvals/${id}`);
    const failed = results.filter((result) => !result.ok);
    const done = results.length - failed.length;
    const verb = { approve: "Approved", reject: "Rejected", request_changes: "Sent back for changes" }[decision];
    if (failed.length === 0) return { ok: true, message: `${verb} ${done} request${done === 1 ? "" : "s"}.` };
    if (results.length === 1) return { ok: false, message: failed[0]!.message!, fieldErrors: {} };
    return { ok: false, message: `${verb} ${done}; ${failed.length} could not be: ${failed[0]!.message}`, fieldErrors: {} };
  } catch (error) {
    return formStateFromError(error);
  }
}
