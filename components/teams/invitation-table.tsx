"use client";

import { useActionState } from "react";
import { Table, wideOnly } from "@/components/ui/table";
import type { FormState } from "@/lib/forms";
import { resendTeamInvitationAction, revokeTeamInvitationAction } from "@/lib/teams/actions";
import type { PendingTeamInvitation } from "@/lib/teams/members";
import { ActionOutcome } from "./action-outcome";

const day = (date: Date) => date.toISOString().slice(0, 10);

/**
 * The invitations not yet accepted or revoked, with "Resend" and "Revoke". The outcome is said
 * above the table, which stays when a revoked invitation's row goes.
 */
export function InvitationTable({ invitations }: { invitations: PendingTeamInvitation[] }) {
  const [resent, resend, resending] = useActionState<FormState, FormData>(resendTeamInvitationAction, null);
  const [revoked, revoke, revoking] = useActionState<FormState, FormData>(revokeTeamInvitationAction, null);
  return (
    <div className="flex flex-col gap-2">
      <ActionOutcome state={revoked ?? resent} testId="invitation-outcome" />
      {invitations.length === 0 ? (
        <p className="text-sm text-slate-600">No pending invitations.</p>
      ) : (
        <Table caption="Pending invitations" columns={[{ label: "E-mail" }, { label: "Role", wide: true }, { label: "Invited by", wide: true }, { label: "Expires" }, { label: "Actions", srOnly: true }]}>
          {invitations.map((invitation) => (
            <tr key={invitation.id} className="border-b border-slate-100 align-top" data-testid="invitation-row">
              <td className="px-3 py-2">{invitation.email}</td>
              <td className={`px-3 py-2 ${wideOnly}`}>{invitation.role === "owner" ? "Owner" : "Member"}</td>
              <td className={`px-3 py-2 ${wideOnly}`}>{invitation.invitedBy ?? "—"}</td>
              <td className="px-3 py-2">{invitation.expired ? `Expired ${day(invitation.expiresAt)}` : day(invitation.expiresAt)}</td>
              <td className="flex flex-wrap gap-2 px-3 py-2">
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
              </td>
            </tr>
          ))}
        </Table>
      )}
    </div>
  );
}
