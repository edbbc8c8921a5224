import type { Metadata } from "next";
import { MarkReadOnView } from "@/components/notifications/mark-read-on-view";
import Link from "next/link";
import { AccountManagerForm } from "@/components/admin/account-manager-form";
import { DecisionForm } from "@/components/admin/decision-form";
import { SupplierInvitationPanel } from "@/components/admin/supplier-invitation-panel";
import { LinkSupplierForm } from "@/components/admin/link-supplier-form";
import { SupplierPicker, SupplierSearch } from "@/components/admin/supplier-picker";
import { RequestDetails } from "@/components/connections/request-details";
import { shortDate } from "@/components/connections/request-table";
import { Timeline } from "@/components/connections/timeline";
import { requireAdmin } from "@/lib/auth/session";
import { getRequestingOrganization } from "@/lib/connection-requests/admin-queue";
import { getConnectionRequestForActor } from "@/lib/connection-requests/queries";
import { getSupplierInvitationPanel, listSupplierChoices } from "@/lib/connections/invitation-admin";
import { connectionRequestTimeline } from "@/lib/events/timeline";
import { firstValues } from "@/lib/schemas/portal";
import { orNotFound } from "@/lib/http/pages";
import { listAccountManagerChoices } from "@/lib/organizations/account-managers";
import { isOpen } from "@/lib/schemas/connection-requests";

export const metadata: Metadata = { title: "Review connection request" };

export default async function ReviewRequestPage({ params, searchParams }: PageProps<"/admin/approvals/[id]">) {
  const { id } = await params;
  const { supplier: search = "" } = firstValues(await searchParams);
  const actor = await requireAdmin(`/admin/approvals/${id}`);
  const request = await orNotFound(getConnectionRequestForActor(actor, id));
  const [timeline, org, admins, supplierChoices, supplierPanel] = await Promise.all([
    connectionRequestTimeline(actor, id),
    getRequestingOrganization(actor, id),
    listAccountManagerChoices(actor),
    request.status === "pending" || request.status === "approved" ? listSupplierChoices(actor, request.org_name, search) : null,
    request.status === "approved" ? getSupplierInvitationPanel(actor, id) : null,
  ]);
  const supplierSearch = <SupplierSearch action={`/admin/approvals/${id}`} search={search} />;
  return (
    <div className="flex flex-col gap-6">
      <MarkReadOnView subject={{ connectionRequestId: id }} />
      <h1 className="text-2xl font-semibold">{org.name} → {request.org_name}</h1>
      <section aria-labelledby="requester" className="rounded border border-slate-200 bg-white p-4 text-sm">
        <h2 id="requester" className="mb-1 text-lg font-medium">Requesting organization</h2>
        <p>
          {org.name} ({org.type}), on the platform since {shortDate(org.createdAt.toISOString())}; {org._count.members} member(s),{" "}
          {org._count.connectionRequests} request(s).
        </p>
        <AccountManagerForm organizationId={org.id} organizationName={org.name} current={org.accountManagerId} admins={admins} />
      </section>
      {supplierPanel && (
        <section aria-labelledby="supplier" className="flex flex-col gap-3 rounded border border-slate-200 bg-white p-4">
          <h2 id="supplier" className="text-lg font-medium">Supplier</h2>
          <SupplierInvitationPanel panel={supplierPanel} />
          {supplierPanel.supplierOrganization ? (
            <AccountManagerForm
              organizationId={supplierPanel.supplierOrganization.id}
              organizationName={supplierPanel.supplierOrganization.name}
              current={supplierPanel.supplierOrganization.accountManagerId}
              admins={admins}
            />
          ) : (
            !supplierPanel.deactivated &&
            supplierChoices && (
              <>
                {supplierSearch}
                <LinkSupplierForm connectionId={supplierPanel.connectionId}>
                  <SupplierPicker choices={supplierChoices} allowNone={false} />
                </LinkSupplierForm>
              </>
            )
          )}
        </section>
      )}
      {isOpen(request.status) && (
        <section aria-labelledby="decide" className="rounded border border-slate-200 bg-white p-4">
          <h2 id="decide" className="mb-2 text-lg font-medium">Decide</h2>
          {request.status === "changes_requested" && (
            <p className="mb-3 text-sm">Sent back for changes: it can be approved once its requester resubmits it, or rejected now.</p>
          )}
          {supplierChoices && <div className="mb-3">{supplierSearch}</div>}
          <DecisionForm ids={[id]} versions={{ [id]: request.version }} label="Decide this request" waitingForChanges={request.status === "changes_requested"}>
            {supplierChoices && <SupplierPicker choices={supplierChoices} allowNone />}
          </DecisionForm>
        </section>
      )}
      <RequestDetails request={request} />
      <Timeline entries={timeline} />
      <Link href="/admin/approvals" className="text-brand-700 underline">Back to the queue</Link>
    </div>
  );
}
