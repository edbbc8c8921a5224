"use client";

import { useActionState } from "react";
import { Field } from "@/components/ui/field";
import { saveAccountNumberAction } from "@/lib/connections/actions";
import type { FormState } from "@/lib/forms";
import { FormResult } from "./connection-form-result";

type AccountNumberField = "suppliers_retailer_account_number" | "retailers_supplier_account_number";

/** The viewer's side's own number for the other side; the other side's number is shown, not edited. */
export function AccountNumberForm({ connectionId, field, value, label }: { connectionId: string; field: AccountNumberField; value: string | null; label: string }) {
  const [state, action, pending] = useActionState<FormState, FormData>(saveAccountNumberAction, null);
  return (
    <form action={action} aria-label="Account number" className="flex flex-col gap-2">
      <input type="hidden" name="connectionId" value={connectionId} />
      <Field label={label} name={field} defaultValue={value ?? ""} maxLength={100} autoComplete="off" errors={state && !state.ok ? state.fieldErrors[field] : undefined} />
      <div>
        <button type="submit" disabled={pending} className="rounded border border-slate-300 px-4 py-2 font-medium hover:bg-slate-100 disabled:opacity-60">
          Save
        </button>
      </div>
      <FormResult state={state} testId="account-number-result" />
    </form>
  );
}
