"use client";

import { useActionState } from "react";
import type { FormState } from "@/lib/forms";
import { setAccountManagerAction } from "@/lib/organizations/actions";

/** Which platform admin looks after an organization. */
export function AccountManagerForm({
  organizationId,
  organizationName,
  current,
  admins,
}: {
  organizationId: string;
  organizationName: string;
  current: string | null;
  admins: { id: string; name: string }[];
}) {
  const [state, action, pending] = useActionState<FormState, FormData>(setAccountManagerAction, null);
  return (
    <form action={action} aria-label={`Account manager for ${organizationName}`} className="flex flex-wrap items-end gap-2 text-sm">
      <input type="hidden" name="organizationId" value={organizationId} />
      <div className="flex flex-col gap-1">
        <label htmlFor={`account-manager-${organizationId}`} className="font-medium">Account manager for {organizationName}</label>
        <select id={`account-manager-${organizationId}`} name="accountManagerId" defaultValue={current ?? ""} className="rounded border border-slate-300 px-3 py-2">
          <option value="">None</option>
          {admins.map((admin) => <option key={admin.id} value={admin.id}>{admin.name}</option>)}
        </select>
      </div>
      <button type="submit" disabled={pending} className="rounded bg-brand-600 px-3 py-2 font-medium text-white hover:bg-brand-700 disabled:opacity-60">
        Save
      </button>
      <p aria-live="polite" className={`min-h-5 w-full ${state?.ok ? "text-green-800" : "text-red-700"}`}>
        {state ? state.message : null}
        {state && !state.ok && state.fieldErrors.accountManagerId ? ` ${state.fieldErrors.accountManagerId.join(" ")}` : null}
      </p>
    </form>
  );
}
