import Link from "next/link";
import { shortDate } from "@/components/connections/request-table";
import { statusLabels } from "@/components/connections/status-badge";
import type { adminDashboard } from "@/lib/dashboards/admin";
import { Card, Empty, Figure } from "./card";
import { DecisionList } from "./decision-list";

type Dashboard = Awaited<ReturnType<typeof adminDashboard>>;
const stateOrder = ["pending", "changes_requested", "approved", "rejected"] as const;

function age(ms: number): string {
  const hours = Math.floor(ms / 3_600_000);
  if (hours < 1) return "under an hour";
  if (hours < 48) return `${hours} hour${hours === 1 ? "" : "s"}`;
  return `${Math.floor(hours / 24)} days`;
}

/** An admin's home: the queue and what in it is waiting too long, the week's decisions, the data queue. */
export function AdminHome({ dashboard }: { dashboard: Dashboard }) {
  const { totals, oldestPending, overdue, week, dataRequests } = dashboard;
  return (
    <div className="grid gap-4 md:grid-cols-2">
      <Card title="Approval queue" more={{ href: "/admin/approvals", label: "Open the queue" }} testId="queue-by-state">
        <ul className="grid grid-cols-2 gap-2">
          {stateOrder.map((state) => (
            <Figure key={state} label={statusLabels[state]} value={totals[state]} href={`/admin/approvals?status=${state}`} emphasis={state === "pending" && totals.pending > 0} testId={`count-${state}`} />
          ))}
        </ul>
        <p className="text-sm" data-testid="oldest-pending">
          {oldestPending ? (
            <>
              Oldest pending: <Link href={`/admin/approvals/${oldestPending.id}`} className="font-medium text-brand-700 underline">{oldestPending.organization.name} → {oldestPending.supplierName}</Link>, waiting{" "}
              {age(oldestPending.ageMs)}.
            </>
          ) : (
            "Nothing is waiting for review."
          )}
        </p>
      </Card>
      <Card title={`Waiting over ${dashboard.overdueDays} days`} testId="overdue">
        <p className="text-3xl font-semibold tabular-nums" data-testid="overdue-count">
          {overdue.count.toLocaleString("en-GB")}
          {overdue.capped && "+"}
        </p>
        {overdue.oldest.length === 0 ? (
          <Empty>No request has waited that long.</Empty>
        ) : (
          <ul className="flex flex-col gap-1 text-sm">
            {overdue.oldest.map((request) => (
              <li key={request.id}>
                <Link href={`/admin/approvals/${request.id}`} className="text-brand-700 underline">{request.organization.name} → {request.supplierName}</Link>{" "}
                <span className="text-slate-600">since {shortDate(request.requestDate.toISOString())}</span>
              </li>
            ))}
          </ul>
        )}
      </Card>
      <Card title="Decisions, last 7 days" testId="week-decisions">
        <ul className="grid grid-cols-3 gap-2">
          <Figure label="Approved" value={week.approved} href="/admin/approvals?status=approved" testId="week-approved" />
          <Figure label="Rejected" value={week.rejected} href="/admin/approvals?status=rejected" testId="week-rejected" />
          <Figure label="Sent back" value={week.changes_requested} href="/admin/approvals?status=changes_requested" testId="week-changes_requested" />
        </ul>
        <DecisionList decisions={dashboard.decisions} hrefFor={(id) => `/admin/approvals/${id}`} showOrganization />
      </Card>
      <Card title="Data requests" more={{ href: "/admin/data-requests", label: "Open the data queue" }} testId="data-queue">
        <ul className="grid grid-cols-3 gap-2">
          <Figure label="Queued" value={dataRequests.queued} href="/admin/data-requests" />
          <Figure label="Being built" value={dataRequests.processing} href="/admin/data-requests" />
          <Figure label="Failed" value={`${dataRequests.failed.toLocaleString("en-GB")}${dataRequests.failedCapped ? "+" : ""}`} href="/admin/data-requests" emphasis={dataRequests.failed > 0} testId="data-failed" />
        </ul>
      </Card>
    </div>
  );
}
