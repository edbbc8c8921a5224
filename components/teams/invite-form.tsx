"use client";

import { useActionState } from "react";
import type { FormState } from "@/lib/forms";
import { inviteMemberAction } from "@/lib/teams/actions";
import { ActionOutcome } from "./action-outcome";

/** An owner invites someone by e-mail, as a member unless they choose owner. */
export function InviteForm() {
  const [state, action, pending] = useActionState<FormState, FormData>(inviteMemberAction, null);
  const emailErrors = state && !state.ok ? state.fieldErrors.email : undefined;
  return (
    <form action={action} aria-label="Invite someone" className="flex flex-col gap-2 text-sm">
      <div className="flex flex-wrap items-end gap-3">
        <div className="flex flex-col gap-1">
          <label htmlFor="invite-email" className="font-medium">E-mail</label>
          <input id="invite-email" name="email" type="email" required autoComplete="off" aria-invalid={emailErrors ? true : undefined} className="rounded border border-slate-300 px-3 py-2" />
        </div>
        <div className="flex flex-col gap-1">
          <label htmlFor="invite-role" className="font-medium">Role</label>
          <select id="invite-role" name="role" defaultValue="member" className="rounded border border-slate-300 px-3 py-2">
            <option value="member">Member</option>
            <option value="owner">Owner</option>
          </select>
        </div>
        <button type="submit" disabled={pending} className="rounded bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700 disabled:opacity-60">
          Invite
        </button>
      </div>
      <ActionOutcome state={state} testId="invite-outcome" />
    </form>
  );
}
