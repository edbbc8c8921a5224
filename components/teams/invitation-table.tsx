import { Table, wideOnly } from "@/components/ui/table";
import type { PendingTeamInvitation } from "@/lib/teams/members";
import { InvitationActions } from "./invitation-actions";

const day = (date: Date) => date.toISOString().slice(0, 10);

/** The invitations not yet accepted or revoked, with resend and revoke. */
export function InvitationTable({ invitations }: { invitations: PendingTeamInvitation[] }) {
  if (invitations.length === 0) return <p className="text-sm text-slate-600">No pending invitations.</p>;
  return (
    <Table caption="Pending invitations" columns={[{ label: "E-mail" }, { label: "Role", wide: true }, { label: "Invited by", wide: true }, { label: "Expires" }, { label: "Actions", srOnly: true }]}>
      {invitations.map((invitation) => (
        <tr key={invitation.id} className="border-b border-slate-100 align-top" data-testid="invitation-row">
          <td className="px-3 py-2">{invitation.email}</td>
          <td className={`px-3 py-2 ${wideOnly}`}>{invitation.role === "owner" ? "Owner" : "Member"}</td>
          <td className={`px-3 py-2 ${wideOnly}`}>{invitation.invitedBy ?? "—"}</td>
          <td className="px-3 py-2">{invitation.expired ? `Expired ${day(invitation.expiresAt)}` : day(invitation.expiresAt)}</td>
          <td className="px-3 py-2">
            <InvitationActions invitation={invitation} />
          </td>
        </tr>
      ))}
    </Table>
  );
}
