"use server";

import { revalidatePath } from "next/cache";
import { getActor } from "@/lib/auth/session";
import { decideConnectionRequests } from "@/lib/connection-requests/decisions";
import { formStateFromError, invalidForm, signedOutState, type FormState } from "@/lib/forms";
import { decisionFormSchema } from "@/lib/schemas/connection-requests";

/**
 * Approves, rejects or sends back one request or a selection. A public endpoint like any server action: the
 * admin check happens in lib (decideConnectionRequests), for every caller.
 */
export async function decideAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const actor = await getActor();
  if (!actor) return signedOutState;
  const parsed = decisionFormSchema.safeParse({
    decision: formData.get("decision"),
    ids: formData.getAll("ids"),
    reason: formData.get("reason") ?? undefined,
  });
  if (!parsed.success) return invalidForm(parsed.error);
  try {
    const { decision, ids } = parsed.data;
    const results = await decideConnectionRequests(
      actor,
      ids,
      parsed.data.decision === "approve"
        ? { kind: "approve" }
        : parsed.data.decision === "reject"
          ? { kind: "reject", reason: parsed.data.reason }
          : { kind: "request_changes", message: parsed.data.reason },
    );
    revalidatePath("/admin/approvals");
    const failed = results.filter((result) => !result.ok);
    const done = results.length - failed.length;
    const verb = { approve: "Approved", reject: "Rejected", request_changes: "Sent back for changes" }[decision];
    if (failed.length === 0) return { ok: true, message: `${verb} ${done} request${done === 1 ? "" : "s"}.` };
    return { ok: false, message: `${verb} ${done}; ${failed.length} could not be: ${failed[0]!.message}`, fieldErrors: {} };
  } catch (error) {
    return formStateFromError(error);
  }
}
