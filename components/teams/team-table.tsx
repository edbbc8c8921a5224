"use client";

import { useActionState } from "react";
import { Table, wideOnly } from "@/components/ui/table";
import type { FormState } from "@/lib/forms";
import { changeMemberRoleAction, removeMemberAction } from "@/lib/teams/actions";
import type { TeamView } from "@/lib/teams/members";
import { ActionOutcome } from "./action-outcome";
import { MemberActions } from "./member-actions";

const roleLabel = { owner: "Owner", member: "Member" } as const;

/**
 * A row per member; owners get each row's controls (not on their own row: they leave instead).
 * Outcomes are said above the table, which stays when a removed member's row goes.
 */
export function TeamTable({ team }: { team: Pick<TeamView, "organization" | "canManage" | "members"> }) {
  const [roleState, changeRole, changing] = useActionState<FormState, FormData>(changeMemberRoleAction, null);
  const [removeState, remove, removing] = useActionState<FormState, FormData>(removeMemberAction, null);
  return (
    <div className="flex flex-col gap-2">
      {team.canManage && <ActionOutcome state={removeState ?? roleState} testId="member-outcome" />}
      <Table caption={`Members of ${team.organization.name}`} columns={[{ label: "Name" }, { label: "E-mail", wide: true }, { label: "Role" }, ...(team.canManage ? [{ label: "Actions", srOnly: true }] : [])]}>
        {team.members.map((member) => (
          <tr key={member.id} className="border-b border-slate-100 align-top" data-testid="member-row">
            <td className="px-3 py-2">
              {member.name}
              {member.you && <span className="ml-1 text-slate-500">(you)</span>}
            </td>
            <td className={`px-3 py-2 ${wideOnly}`}>{member.email}</td>
            <td className="px-3 py-2" data-testid="member-role">{roleLabel[member.role]}</td>
            {team.canManage && (
              <td className="px-3 py-2">{!member.you && <MemberActions member={member} changeRole={changeRole} remove={remove} pending={changing || removing} />}</td>
            )}
          </tr>
        ))}
      </Table>
    </div>
  );
}
