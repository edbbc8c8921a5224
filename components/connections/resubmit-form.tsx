"use client";

import { useActionState } from "react";
import { resubmitAction } from "@/lib/connection-requests/actions";
import type { FormState } from "@/lib/forms";

export function ResubmitForm({ requestId }: { requestId: string }) {
  const [state, action, pending] = useActionState<FormState, FormData>(resubmitAction, null);
  return (
    <form action={action} className="flex flex-wrap items-center gap-3">
      <input type="hidden" name="requestId" value={requestId} />
      <button type="submit" disabled={pending} className="rounded bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700 disabled:opacity-60">
        Resubmit for review
      </button>
      <p aria-live="polite" className="text-sm" data-testid="resubmit-result">
        {state && <span className={state.ok ? "text-green-800" : "text-red-700"}>{state.message}</span>}
      </p>
    </form>
  );
}
