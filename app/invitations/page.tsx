import type { Metadata } from "next";
import Link from "next/link";
import { AcceptInvitationForm } from "@/components/invitations/accept-invitation-form";
import { describeInvitation, invitationRefusals } from "@/lib/connections/invitation-acceptance";
import { firstValues } from "@/lib/schemas/portal";

// The token is in the query (which request logs leave out, unlike the path): no other site may
// learn it from a Referer header, nor a search engine index it.
export const metadata: Metadata = { title: "Your invitation", referrer: "no-referrer", robots: { index: false, follow: false } };

export default async function InvitationPage({ searchParams }: PageProps<"/invitations">) {
  const { token = "" } = firstValues(await searchParams);
  const invitation = await describeInvitation(token);
  if (invitation.state !== "open") {
    return (
      <div className="mx-auto flex max-w-md flex-col gap-4">
        <h1 className="text-2xl font-semibold">This invitation link does not work</h1>
        <p role="alert" className="rounded bg-amber-50 p-3 text-sm text-amber-900" data-testid="invitation-refusal">
          {invitationRefusals[invitation.state]}
        </p>
        <Link href="/signin" className="text-brand-700 underline">Sign in</Link>
      </div>
    );
  }
  return (
    <div className="mx-auto flex max-w-md flex-col gap-4">
      <h1 className="text-2xl font-semibold">{invitation.retailerName} invites you to Crux Requests</h1>
      <p className="text-sm">
        {invitation.retailerName} would like to exchange data with {invitation.supplierName}. Register your organization to see and confirm the
        connection. This invitation works until {invitation.expiresAt.toUTCString()}.
      </p>
      <AcceptInvitationForm token={token} email={invitation.email} organizationName={invitation.supplierName} />
    </div>
  );
}
