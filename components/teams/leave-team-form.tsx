"use client";

import { useActionState } from "react";
import type { FormState } from "@/lib/forms";
import { leaveOrganizationAction } from "@/lib/teams/actions";
import { ActionOutcome } from "./action-outcome";

/** A person leaves their organization; its last owner is told to name another first. */
export function LeaveTeamForm({ organizationName }: { organizationName: string }) {
  const [state, action, pending] = useActionState<FormState>(leaveOrganizationAction, null);
  return (
    <form action={action} className="flex flex-col gap-1 text-sm">
      <p>Leaving {organizationName} signs you out of your other browsers and ends your API tokens and app authorizations.</p>
      <div>
        <button type="submit" disabled={pending} className="rounded border border-red-300 px-3 py-1.5 text-red-700 hover:bg-red-50 disabled:opacity-60">
          Leave organization
        </button>
      </div>
      <ActionOutcome state={state} testId="leave-outcome" />
    </form>
  );
}
