"use client";

import { useActionState } from "react";
import { changePersonAction } from "@/lib/admin/actions";
import type { FormState } from "@/lib/forms";
import type { PersonChange } from "@/lib/schemas/admin";

const buttonStyle = "rounded border border-slate-300 bg-white px-3 py-2 font-medium hover:bg-slate-100 disabled:opacity-60";

/** The person page's "Disable"/"Enable" and "Make admin"/"Remove admin", with the outcome announced. */
export function PersonActions({ userId, role, status }: { userId: string; role: "member" | "admin"; status: "active" | "disabled" }) {
  const [state, action, pending] = useActionState<FormState, FormData>(changePersonAction, null);
  const button = (change: PersonChange, label: string) => (
    <form action={action}>
      <input type="hidden" name="userId" value={userId} />
      <input type="hidden" name="change" value={change} />
      <button type="submit" disabled={pending} className={buttonStyle}>{label}</button>
    </form>
  );
  return (
    <div className="flex flex-col gap-2 text-sm">
      <div className="flex flex-wrap gap-2">
        {status === "active" ? button("disable", "Disable") : button("enable", "Enable")}
        {role === "admin" ? button("demote", "Remove admin") : button("promote", "Make admin")}
      </div>
      <p aria-live="polite" data-testid="person-action-result" className={`min-h-5 ${state?.ok ? "text-green-800" : "text-red-700"}`}>
        {state ? state.message : null}
      </p>
    </div>
  );
}
