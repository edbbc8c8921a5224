import type { Metadata } from "next";
import Link from "next/link";
import { DecisionForm } from "@/components/admin/decision-form";
import { RequestDetails } from "@/components/connections/request-details";
import { shortDate } from "@/components/connections/request-table";
import { requireAdmin } from "@/lib/auth/session";
import { getRequestHistory, getRequestingOrganization } from "@/lib/connection-requests/admin-queue";
import { getConnectionRequestForActor } from "@/lib/connection-requests/queries";
import { orNotFound } from "@/lib/http/pages";

export const metadata: Metadata = { title: "Review connection request" };

export default async function ReviewRequestPage({ params }: PageProps<"/admin/approvals/[id]">) {
  const { id } = await params;
  const actor = await requireAdmin(`/admin/approvals/${id}`);
  const request = await orNotFound(getConnectionRequestForActor(actor, id));
  const [history, org] = await Promise.all([getRequestHistory(actor, id), getRequestingOrganization(actor, id)]);
  return (
    <div className="flex flex-col gap-6">
      <h1 className="text-2xl font-semibold">{org.name} → {request.org_name}</h1>
      <section aria-labelledby="requester" className="rounded border border-slate-200 bg-white p-4 text-sm">
        <h2 id="requester" className="mb-1 text-lg font-medium">Requesting organization</h2>
        <p>
          {org.name} ({org.type}), on the platform since {shortDate(org.createdAt.toISOString())}; {org._count.members} member(s),{" "}
          {org._count.connectionRequests} request(s).
        </p>
      </section>
      {request.status === "pending" && (
        <section aria-labelledby="decide" className="rounded border border-slate-200 bg-white p-4">
          <h2 id="decide" className="mb-2 text-lg font-medium">Decide</h2>
          <DecisionForm ids={[id]} label="Decide this request" />
        </section>
      )}
      <RequestDetails request={request} />
      <section aria-labelledby="history">
        <h2 id="history" className="mb-2 text-lg font-medium">History</h2>
        <ol className="flex flex-col gap-1 text-sm" data-testid="history">
          {history.map((event) => (
            <li key={event.id}>
              {shortDate(event.at)}: {event.by} — {event.action}
              {event.fromState && event.toState && event.fromState !== event.toState ? ` (${event.fromState} → ${event.toState})` : ""}
            </li>
          ))}
        </ol>
      </section>
      <Link href="/admin/approvals" className="text-brand-700 underline">Back to the queue</Link>
    </div>
  );
}
