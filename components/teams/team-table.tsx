import { Table, wideOnly } from "@/components/ui/table";
import type { TeamView } from "@/lib/teams/members";
import { MemberActions } from "./member-actions";

const roleLabel = { owner: "Owner", member: "Member" } as const;

/** A row per member; owners get each row's controls (not their own row: they leave instead). */
export function TeamTable({ team }: { team: TeamView }) {
  return (
    <Table caption={`Members of ${team.organization.name}`} columns={[{ label: "Name" }, { label: "E-mail", wide: true }, { label: "Role" }, ...(team.canManage ? [{ label: "Actions", srOnly: true }] : [])]}>
      {team.members.map((member) => (
        <tr key={member.id} className="border-b border-slate-100 align-top" data-testid="member-row">
          <td className="px-3 py-2">
            {member.name}
            {member.you && <span className="ml-1 text-slate-500">(you)</span>}
          </td>
          <td className={`px-3 py-2 ${wideOnly}`}>{member.email}</td>
          <td className="px-3 py-2" data-testid="member-role">{roleLabel[member.role]}</td>
          {team.canManage && <td className="px-3 py-2">{!member.you && <MemberActions member={member} />}</td>}
        </tr>
      ))}
    </Table>
  );
}
