"use client";

import type { ReactNode } from "react";
import { useActionState } from "react";
import { linkSupplierAction } from "@/lib/connections/invitation-actions";
import type { FormState } from "@/lib/forms";

/** Links a waiting connection to a supplier organization already on the portal; the picker comes in as children. */
export function LinkSupplierForm({ connectionId, children }: { connectionId: string; children: ReactNode }) {
  const [state, action, pending] = useActionState<FormState, FormData>(linkSupplierAction, null);
  const fieldError = state && !state.ok ? state.fieldErrors.supplier_organization_uuid : undefined;
  return (
    <form action={action} aria-label="Link a supplier organization" className="flex flex-col gap-2 text-sm">
      <input type="hidden" name="connectionId" value={connectionId} />
      {children}
      <div>
        <button type="submit" disabled={pending} className="rounded bg-brand-600 px-3 py-2 font-medium text-white hover:bg-brand-700 disabled:opacity-60">
          Link supplier organization
        </button>
      </div>
      <p aria-live="polite" className={`min-h-5 ${state?.ok ? "text-green-800" : "text-red-700"}`}>
        {state ? state.message : null}
        {fieldError ? ` ${fieldError.join(" ")}` : null}
      </p>
    </form>
  );
}
