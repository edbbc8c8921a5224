import type { Metadata } from "next";
import Link from "next/link";
import { DecisionForm } from "@/components/admin/decision-form";
import { ListFilters } from "@/components/connections/list-filters";
import { shortDate } from "@/components/connections/request-table";
import { statusBadge, statusLabels } from "@/components/connections/status-badge";
import { ExportLink } from "@/components/ui/export-link";
import { Pagination } from "@/components/ui/pagination";
import { Table, wideOnly } from "@/components/ui/table";
import { requireAdmin } from "@/lib/auth/session";
import { getFilterOrganization, listApprovalQueue } from "@/lib/connection-requests/admin-queue";
import { connectionRequestStatuses, isOpen, type ConnectionRequestStatusName } from "@/lib/schemas/connection-requests";
import { firstValues, listPageQuerySchema } from "@/lib/schemas/portal";

export const metadata: Metadata = { title: "Approvals" };

const decisionFormId = "decide-selected";

export default async function ApprovalsPage({ searchParams }: PageProps<"/admin/approvals">) {
  const actor = await requireAdmin("/admin/approvals");
  const { page, size, status, q, organization } = listPageQuerySchema.parse(firstValues(await searchParams));
  const [queue, filterOrganization] = await Promise.all([
    listApprovalQueue(actor, { status, q, organization, start: (page - 1) * size, limit: size }),
    getFilterOrganization(actor, organization),
  ]);
  const queueLink = (params: Record<string, string | undefined>) =>
    `/admin/approvals?${new URLSearchParams(Object.entries({ ...params, size: String(size) }).filter((entry): entry is [string, string] => Boolean(entry[1])))}`;
  const countLink = (value?: ConnectionRequestStatusName) => queueLink({ status: value, q, organization });

  return (
    <div className="flex flex-col gap-6">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-semibold">Approvals</h1>
        {queue.total > 0 && <ExportLink path="/admin/approvals/export" params={{ status, q, organization }} />}
      </div>
      <ul className="flex flex-wrap gap-3 text-sm" aria-label="Requests per status" data-testid="status-counts">
        {connectionRequestStatuses.map((value) => (
          <li key={value}>
            <Link href={countLink(value)} className="rounded border border-slate-300 bg-white px-3 py-1 hover:bg-slate-100" aria-current={status === value ? "true" : undefined}>
              {statusLabels[value]}: <span data-testid={`count-${value}`}>{queue.counts[value]}</span>
            </Link>
          </li>
        ))}
        <li>
          <Link href={countLink()} className="rounded border border-slate-300 bg-white px-3 py-1 hover:bg-slate-100">all</Link>
        </li>
      </ul>
      <ListFilters q={q} status={status} size={size} searchLabel="Search supplier or organization">
        {/* A select of every organization would not scale; the queue's own links set this filter. */}
        {filterOrganization && <input type="hidden" name="organization" value={filterOrganization.id} />}
      </ListFilters>
      {filterOrganization && (
        <p className="text-sm" data-testid="organization-filter">
          Showing requests from <strong>{filterOrganization.name}</strong>.{" "}
          <Link href={queueLink({ status, q })} className="text-brand-700 underline">
            Show every organization
          </Link>
        </p>
      )}
      {queue.total === 0 ? (
        <p className="rounded border border-dashed border-slate-300 bg-white p-8 text-center" data-testid="empty-state">Nothing to review here.</p>
      ) : (
        <>
          <Table
            columns={[{ label: "Select", srOnly: true }, { label: "Supplier" }, { label: "Requested by", wide: true }, { label: "Requested", wide: true }, { label: "Status" }]}
          >
            {/* Plain elements per row, no component and no client component (next/link) in it:
                the queue's time went to rendering 50 rows of them (README, "Performance"). */}
            {queue.requests.map((request) => (
              <tr key={request.record_uuid} className="border-b border-slate-100" data-testid="queue-row">
                <td className="px-3 py-2">
                  {isOpen(request.status) && (
                    <input type="checkbox" form={decisionFormId} name="ids" value={request.record_uuid} aria-label={`Select request to ${request.org_name} from ${request.organization.name}`} />
                  )}
                </td>
                <td className="px-3 py-2">
                  <a href={`/admin/approvals/${request.record_uuid}`} className="text-brand-700 underline">{request.org_name}</a>
                  <span className="block text-slate-600 md:hidden">from {request.organization.name}</span>
                </td>
                <td className={`px-3 py-2 ${wideOnly}`}>
                  <a href={queueLink({ status, organization: request.organization.id })} className="underline" title={`Show only requests from ${request.organization.name}`}>
                    {request.organization.name}
                  </a>
                </td>
                <td className={`px-3 py-2 ${wideOnly}`}>{shortDate(request.request_date)}</td>
                <td className="px-3 py-2">{statusBadge(request.status)}</td>
              </tr>
            ))}
          </Table>
          <DecisionForm id={decisionFormId} label="Decide the selected requests" versions={Object.fromEntries(queue.requests.map((request) => [request.record_uuid, request.version]))} />
        </>
      )}
      <Pagination basePath="/admin/approvals" params={{ status, q, organization }} page={page} size={size} total={queue.total} />
    </div>
  );
}
