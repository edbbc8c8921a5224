import type { Metadata } from "next";
import { MarkReadOnView } from "@/components/notifications/mark-read-on-view";
import Link from "next/link";
import { RequestDetails } from "@/components/connections/request-details";
import { ResubmitForm } from "@/components/connections/resubmit-form";
import { Timeline } from "@/components/connections/timeline";
import { isAdmin } from "@/lib/auth/actor";
import { requireActor } from "@/lib/auth/session";
import { getConnectionRequestForActor } from "@/lib/connection-requests/queries";
import { connectionIdOfRequest } from "@/lib/connections/portal";
import { connectionRequestTimeline } from "@/lib/events/timeline";
import { orNotFound } from "@/lib/http/pages";
import { isOpen } from "@/lib/schemas/connection-requests";

export const metadata: Metadata = { title: "Connection request" };

export default async function ConnectionRequestPage({ params }: PageProps<"/connections/[id]">) {
  const { id } = await params;
  const actor = await requireActor(`/connections/${id}`);
  const [request, timeline] = await orNotFound(Promise.all([getConnectionRequestForActor(actor, id), connectionRequestTimeline(actor, id)]));
  const connectionId = request.status === "approved" ? await connectionIdOfRequest(actor, id) : null;
  const isRequester = !isAdmin(actor);
  const canEdit = isOpen(request.status) && isRequester;
  const changesAsked = request.status === "changes_requested" ? timeline.findLast((entry) => entry.event === "changes_requested") : undefined;
  return (
    <div className="flex flex-col gap-6">
      <MarkReadOnView subject={{ connectionRequestId: id }} />
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-semibold">Request to connect with {request.org_name}</h1>
        {canEdit && (
          <Link href={`/connections/${id}/edit`} className="rounded border border-slate-300 px-4 py-2 hover:bg-slate-100">Edit</Link>
        )}
      </div>
      {changesAsked && (
        <section role="alert" aria-labelledby="changes" className="flex flex-col gap-3 rounded border-2 border-sky-600 bg-sky-50 p-4" data-testid="changes-requested">
          <h2 id="changes" className="text-lg font-semibold">The admins asked for changes</h2>
          <p className="whitespace-pre-wrap">“{changesAsked.message}”</p>
          {isRequester && (
            <>
              <p className="text-sm">Edit the request as asked, then send it back for review.</p>
              <ResubmitForm requestId={id} />
            </>
          )}
        </section>
      )}
      {connectionId && (
        <p data-testid="connection-link">
          Approved: it is now a connection. <Link href={`/partners/${connectionId}`} className="text-brand-700 underline">Open the connection</Link>
        </p>
      )}
      <RequestDetails request={request} />
      <Timeline entries={timeline} />
      <Link href="/connections" className="text-brand-700 underline">Back to connection requests</Link>
    </div>
  );
}
