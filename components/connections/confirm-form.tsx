"use client";

import { useActionState } from "react";
import { confirmConnectionAction } from "@/lib/connections/actions";
import type { FormState } from "@/lib/forms";
import { FormResult } from "./connection-form-result";

export function ConfirmForm({ connectionId }: { connectionId: string }) {
  const [state, action, pending] = useActionState<FormState, FormData>(confirmConnectionAction, null);
  return (
    <form action={action} aria-label="Confirm the connection" className="flex flex-col gap-2">
      <input type="hidden" name="connectionId" value={connectionId} />
      <p className="text-sm text-slate-700">Confirming makes the connection active: both sides can then take its feeds live.</p>
      <div>
        <button type="submit" disabled={pending} className="rounded bg-green-700 px-4 py-2 font-medium text-white hover:bg-green-800 disabled:opacity-60">
          Confirm
        </button>
      </div>
      <FormResult state={state} testId="confirm-result" />
    </form>
  );
}
