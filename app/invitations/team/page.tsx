import type { Metadata } from "next";
import Link from "next/link";
import { AcceptTeamInvitationForm, JoinTeamForm } from "@/components/teams/accept-team-invitation-form";
import { getActor } from "@/lib/auth/session";
import { firstValues } from "@/lib/schemas/portal";
import { describeTeamInvitation, teamInvitationRefusals } from "@/lib/teams/invitations";

// The token is in the query (which request logs leave out): no other site may learn it from a
// Referer header, nor a search engine index it.
export const metadata: Metadata = { title: "Your invitation", referrer: "no-referrer", robots: { index: false, follow: false } };

const frame = "mx-auto flex max-w-md flex-col gap-4";

export default async function TeamInvitationPage({ searchParams }: PageProps<"/invitations/team">) {
  const { token = "" } = firstValues(await searchParams);
  const [invitation, actor] = await Promise.all([describeTeamInvitation(token), getActor()]);
  if (invitation.state !== "open") {
    return (
      <div className={frame}>
        <h1 className="text-2xl font-semibold">This invitation link does not work</h1>
        <p role="alert" className="rounded bg-amber-50 p-3 text-sm text-amber-900" data-testid="invitation-refusal">
          {teamInvitationRefusals[invitation.state]}
        </p>
        <Link href="/signin" className="text-brand-700 underline">Sign in</Link>
      </div>
    );
  }
  const here = `/invitations/team?token=${encodeURIComponent(token)}`;
  const role = invitation.role === "owner" ? "an owner" : "a member";
  return (
    <div className={frame}>
      <h1 className="text-2xl font-semibold">Join {invitation.organizationName} on Crux Requests</h1>
      <p className="text-sm">
        You are invited to {invitation.organizationName} as {role}, at {invitation.email}. This invitation works until {invitation.expiresAt.toUTCString()}.
      </p>
      {actor ? (
        actor.email === invitation.email ? (
          <JoinTeamForm token={token} />
        ) : (
          <p role="alert" className="rounded bg-amber-50 p-3 text-sm text-amber-900">
            This invitation is for {invitation.email}, and you are signed in as {actor.email}. Sign out, then open the link again.
          </p>
        )
      ) : invitation.hasAccount ? (
        <p className="text-sm">
          {invitation.email} already has an account. <Link href={`/signin?callbackUrl=${encodeURIComponent(here)}`} className="text-brand-700 underline">Sign in to accept</Link>
        </p>
      ) : (
        <AcceptTeamInvitationForm token={token} email={invitation.email} />
      )}
    </div>
  );
}
