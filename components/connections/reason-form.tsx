"use client";

import { useActionState } from "react";
import { deactivateConnectionAction, declineConnectionAction } from "@/lib/connections/actions";
import type { FormState } from "@/lib/forms";
import { FormResult } from "./connection-form-result";

const kinds = {
  decline: { action: declineConnectionAction, button: "Decline", label: "Decline the connection", hint: "The retailer reads your reason. Declining is final." },
  deactivate: { action: deactivateConnectionAction, button: "Deactivate", label: "Deactivate the connection", hint: "The other side reads your reason. Deactivating is final." },
} as const;

/** Declining or deactivating: both end the connection for good, and both say why. */
export function ReasonForm({ connectionId, kind }: { connectionId: string; kind: keyof typeof kinds }) {
  const spec = kinds[kind];
  const [state, action, pending] = useActionState<FormState, FormData>(spec.action, null);
  const errors = state && !state.ok ? state.fieldErrors.reason : undefined;
  const id = `${kind}-reason`;
  return (
    <form action={action} aria-label={spec.label} className="flex flex-col gap-2">
      <input type="hidden" name="connectionId" value={connectionId} />
      <label htmlFor={id} className="text-sm font-medium">Reason</label>
      <textarea
        id={id}
        name="reason"
        rows={2}
        maxLength={2000}
        aria-invalid={errors ? true : undefined}
        aria-describedby={[`${id}-hint`, errors ? `${id}-error` : null].filter(Boolean).join(" ")}
        className="rounded border border-slate-300 px-3 py-2 aria-invalid:border-red-600"
      />
      <p id={`${id}-hint`} className="text-xs text-slate-500">{spec.hint}</p>
      {errors && <p id={`${id}-error`} className="text-sm text-red-700">{errors.join(" ")}</p>}
      <div>
        <button type="submit" disabled={pending} className="rounded bg-red-700 px-4 py-2 font-medium text-white hover:bg-red-800 disabled:opacity-60">
          {spec.button}
        </button>
      </div>
      <FormResult state={state} testId={`${kind}-result`} />
    </form>
  );
}
