"use client";

import { useActionState, type ReactNode } from "react";
import { decideAction } from "@/lib/connection-requests/actions";
import type { FormState } from "@/lib/forms";

/**
 * Approve, reject with a reason, or send back with what to change, for one request (`ids`
 * given) or for the rows a queue checks: checkboxes named `ids`, in `children` or outside the
 * form joined to it by `id` (a queue's rows then stay server-rendered HTML, not client props). A
 * request sent back for changes can only be rejected until its requester resubmits it. Each
 * request's version goes with the decision, so one edited since it was shown is not decided.
 */
export function DecisionForm({
  id,
  ids,
  versions = {},
  children,
  label,
  waitingForChanges = false,
}: {
  /** The form's id, for checkboxes outside it that join it with their `form` attribute. */
  id?: string;
  ids?: string[];
  /** The version of each request shown, by id: the decision is refused if one changed since. */
  versions?: Record<string, number>;
  children?: ReactNode;
  label: string;
  waitingForChanges?: boolean;
}) {
  const [state, action, pending] = useActionState<FormState, FormData>(decideAction, null);
  const errors = state && !state.ok ? state.fieldErrors : {};
  return (
    <form id={id} action={action} className="flex flex-col gap-4" aria-label={label}>
      {ids?.map((id) => <input key={id} type="hidden" name="ids" value={id} />)}
      {Object.entries(versions).map(([id, version]) => <input key={`${id}@${version}`} type="hidden" name="versions" value={`${id}@${version}`} />)}
      {children}
      <div aria-live="polite" className="min-h-6 text-sm" data-testid="decision-result">
        {state ? <span className={state.ok ? "text-green-800" : "text-red-700"}>{state.ok ? state.message : state.message}</span> : null}
        {errors.ids && <span className="block text-red-700">{errors.ids.join(" ")}</span>}
      </div>
      <div className="flex flex-col gap-1">
        <label htmlFor="reason" className="text-sm font-medium">Reason or what to change (required to reject or request changes)</label>
        <textarea
          id="reason"
          name="reason"
          rows={2}
          aria-invalid={errors.reason ? true : undefined}
          aria-describedby={errors.reason ? "reason-error" : undefined}
          className="rounded border border-slate-300 px-3 py-2 aria-invalid:border-red-600"
        />
        {errors.reason && <p id="reason-error" className="text-sm text-red-700">{errors.reason.join(" ")}</p>}
      </div>
      <div className="flex flex-wrap gap-3">
        {!waitingForChanges && (
          <button type="submit" name="decision" value="approve" disabled={pending} className="rounded bg-green-700 px-4 py-2 font-medium text-white hover:bg-green-800 disabled:opacity-60">
            Approve
          </button>
        )}
        {!waitingForChanges && (
          <button type="submit" name="decision" value="request_changes" disabled={pending} className="rounded bg-sky-700 px-4 py-2 font-medium text-white hover:bg-sky-800 disabled:opacity-60">
            Request changes
          </button>
        )}
        <button type="submit" name="decision" value="reject" disabled={pending} className="rounded bg-red-700 px-4 py-2 font-medium text-white hover:bg-red-800 disabled:opacity-60">
          Reject
        </button>
      </div>
    </form>
  );
}
