import type { Metadata } from "next";
import { Timeline } from "@/components/connections/timeline";
import { InvitationTable } from "@/components/teams/invitation-table";
import { InviteForm } from "@/components/teams/invite-form";
import { LeaveTeamForm } from "@/components/teams/leave-team-form";
import { TeamTable } from "@/components/teams/team-table";
import { requireActor } from "@/lib/auth/session";
import { teamView } from "@/lib/teams/members";
import { notFound } from "next/navigation";

export const metadata: Metadata = { title: "Team" };

/** The organization's people: owners manage them, members see who is on the team. */
export default async function TeamPage() {
  const actor = await requireActor("/settings/team");
  if (!actor.organization) notFound();
  const team = await teamView(actor);
  return (
    <div className="flex flex-col gap-8">
      <div>
        <h1 className="text-2xl font-semibold">Team</h1>
        <p className="mt-2 text-sm text-slate-600">
          {team.canManage
            ? `Everyone in ${team.organization.name}. As an owner you invite people, change their roles and remove them.`
            : `Everyone in ${team.organization.name}. Its owners invite people and change roles.`}
        </p>
      </div>
      <TeamTable team={{ organization: team.organization, canManage: team.canManage, members: team.members }} />
      {team.canManage && (
        <section aria-labelledby="invitations" className="flex flex-col gap-3">
          <h2 id="invitations" className="text-lg font-medium">Invitations</h2>
          <InviteForm />
          <InvitationTable invitations={team.invitations} />
        </section>
      )}
      <Timeline entries={team.history} label="Team history" />
      <section aria-labelledby="leave" className="flex flex-col gap-2">
        <h2 id="leave" className="text-lg font-medium">Leave {team.organization.name}</h2>
        <LeaveTeamForm organizationName={team.organization.name} />
      </section>
    </div>
  );
}
