import type { Metadata } from "next";
import Link from "next/link";
import { ConfirmForm } from "@/components/connections/confirm-form";
import { ConnectionParties } from "@/components/connections/connection-parties";
import { ConnectionStatusBadge } from "@/components/connections/connection-status-badge";
import { liveCount } from "@/components/connections/connection-table";
import { FeedsTable } from "@/components/connections/feeds-table";
import { ReasonForm } from "@/components/connections/reason-form";
import { shortDate } from "@/components/connections/request-table";
import { Timeline } from "@/components/connections/timeline";
import { MarkReadOnView } from "@/components/notifications/mark-read-on-view";
import { requireActor } from "@/lib/auth/session";
import { sideLabels } from "@/lib/connections/labels";
import { getConnectionView } from "@/lib/connections/portal";
import { connectionTimeline } from "@/lib/events/timeline";
import { orNotFound } from "@/lib/http/pages";

export const metadata: Metadata = { title: "Connection" };

export default async function ConnectionPage({ params }: PageProps<"/partners/[id]">) {
  const { id } = await params;
  const actor = await requireActor(`/partners/${id}`);
  const [view, timeline] = await orNotFound(Promise.all([getConnectionView(actor, id), connectionTimeline(actor, id)]));
  const { connection, side } = view;
  const waiting = connection.status === "CONFIRMATION WAITING";
  // Mirrors lib/connections/transitions.ts: the supplier answers; either side or an admin ends it.
  const canAnswer = waiting && side === "supplier";
  const canDeactivate = connection.status !== "DEACTIVATED";
  return (
    <div className="flex flex-col gap-6">
      <MarkReadOnView subject={{ connectionId: connection.uuid }} />
      <div className="flex flex-col gap-2">
        <h1 className="text-2xl font-semibold">Connection with {view.otherParty}</h1>
        <p className="flex flex-wrap items-center gap-x-3 gap-y-1 text-sm text-slate-700" data-testid="connection-summary">
          <ConnectionStatusBadge status={connection.status} />
          <span>{liveCount(connection.feeds)}</span>
          <span>Created {shortDate(view.createdAt)}</span>
          {connection.activated_date && <span>Confirmed {shortDate(connection.activated_date)}</span>}
          {connection.deactivated_date && <span>Ended {shortDate(connection.deactivated_date)}</span>}
          <span>You act as: {sideLabels[side]}</span>
        </p>
        {view.deactivationReason && (
          <p className="whitespace-pre-wrap text-sm" data-testid="deactivation-reason">Reason given: “{view.deactivationReason}”</p>
        )}
      </div>
      {waiting && side !== "supplier" && (
        <p className="rounded border border-amber-300 bg-amber-50 p-3 text-sm">Waiting for the supplier to confirm. Feeds can move once it is active.</p>
      )}
      <ConnectionParties connection={connection} side={side} />
      <section aria-labelledby="feeds" className="flex flex-col gap-2">
        <h2 id="feeds" className="text-lg font-medium">Feeds</h2>
        <FeedsTable connection={connection} canMove={connection.status === "ACTIVE"} />
      </section>
      {(canAnswer || canDeactivate) && (
        <section aria-labelledby="actions" className="flex flex-col gap-4 rounded border border-slate-200 bg-white p-4">
          <h2 id="actions" className="text-lg font-medium">{canAnswer ? "Your answer" : "End the connection"}</h2>
          {canAnswer && <ConfirmForm connectionId={connection.uuid} />}
          {canAnswer && <ReasonForm connectionId={connection.uuid} kind="decline" />}
          {canDeactivate && <ReasonForm connectionId={connection.uuid} kind="deactivate" />}
        </section>
      )}
      <Timeline entries={timeline} />
      <Link href="/partners" className="text-brand-700 underline">Back to connections</Link>
    </div>
  );
}
