"use client";

import { useActionState } from "react";
import type { FormState } from "@/lib/forms";
import { resendTeamInvitationAction, revokeTeamInvitationAction } from "@/lib/teams/actions";
import { ActionOutcome } from "./action-outcome";

/** "Resend" and "Revoke" for one pending invitation. */
export function InvitationActions({ invitation }: { invitation: { id: string; email: string } }) {
  const [resent, resend, resending] = useActionState<FormState, FormData>(resendTeamInvitationAction, null);
  const [revoked, revoke, revoking] = useActionState<FormState, FormData>(revokeTeamInvitationAction, null);
  return (
    <div className="flex flex-col gap-1">
      <div className="flex flex-wrap gap-2">
        <form action={resend}>
          <input type="hidden" name="invitationId" value={invitation.id} />
          <button type="submit" disabled={resending} aria-label={`Resend the invitation to ${invitation.email}`} className="rounded border border-slate-300 px-2 py-1 hover:bg-slate-100 disabled:opacity-60">
            Resend
          </button>
        </form>
        <form action={revoke}>
          <input type="hidden" name="invitationId" value={invitation.id} />
          <button type="submit" disabled={revoking} aria-label={`Revoke the invitation to ${invitation.email}`} className="rounded border border-red-300 px-2 py-1 text-red-700 hover:bg-red-50 disabled:opacity-60">
            Revoke
          </button>
        </form>
      </div>
      <ActionOutcome state={revoked ?? resent} testId="invitation-outcome" />
    </div>
  );
}
