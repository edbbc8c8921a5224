import Link from "next/link";
import { statusLabels } from "@/components/connections/status-badge";
import type { memberDashboard } from "@/lib/dashboards/member";
import { unreadLabel } from "@/lib/notifications/notifications";
import { Card, Empty, Figure } from "./card";
import { FeedsNotLiveCard, SupplierConnectionsCard } from "./connection-cards";
import { DecisionList } from "./decision-list";
import { UnreadNotifications } from "./notification-list";

type Dashboard = Awaited<ReturnType<typeof memberDashboard>>;
const stateOrder = ["changes_requested", "pending", "approved", "rejected"] as const;
const dataStateLabels = { queued: "Queued", processing: "Being built", ready: "Ready to download", failed: "Failed" };

/** A member's home: what needs them first, then where everything stands. */
export function MemberHome({ dashboard }: { dashboard: Dashboard }) {
  const { totals } = dashboard;
  return (
    <div className="grid gap-4 md:grid-cols-2">
      {dashboard.supplier && <SupplierConnectionsCard supplier={dashboard.supplier} />}
      {totals && (
        <Card title="Your organization's requests" more={{ href: "/connections", label: "All requests" }} testId="requests-by-state">
          <ul className="grid grid-cols-2 gap-2">
            {stateOrder.map((state) => (
              <Figure
                key={state}
                label={statusLabels[state]}
                value={totals[state]}
                href={`/connections?status=${state}`}
                emphasis={state === "changes_requested" && totals[state] > 0}
                testId={`count-${state}`}
              />
            ))}
          </ul>
          {dashboard.needsChanges.length > 0 && (
            <div data-testid="needs-changes">
              <h3 className="font-semibold">Waiting for your changes</h3>
              <ul className="mt-1 flex flex-col gap-2 text-sm">
                {dashboard.needsChanges.map((request) => (
                  <li key={request.id}>
                    <Link href={`/connections/${request.id}`} className="font-medium text-brand-700 underline">{request.supplierName}</Link>
                    {request.message && <p className="whitespace-pre-wrap text-slate-700">“{request.message}”</p>}
                  </li>
                ))}
              </ul>
            </div>
          )}
        </Card>
      )}
      {dashboard.feedsNotLive && <FeedsNotLiveCard feeds={dashboard.feedsNotLive} />}
      <Card title="Unread notifications" more={{ href: "/notifications", label: `All notifications${dashboard.unreadCount ? ` (${unreadLabel(dashboard.unreadCount)} unread)` : ""}` }}>
        <UnreadNotifications notifications={dashboard.unread} />
      </Card>
      {totals && (
        <Card title="Recent decisions">
          <DecisionList decisions={dashboard.decisions} hrefFor={(id) => `/connections/${id}`} />
        </Card>
      )}
      <Card title="Your data requests" more={{ href: "/requests", label: "Copies of your data" }} testId="open-data-requests">
        {dashboard.dataRequests.length === 0 ? (
          <Empty>None open. You can ask for a copy of your data at any time.</Empty>
        ) : (
          <ul className="flex flex-col divide-y divide-slate-100 text-sm">
            {dashboard.dataRequests.map((request) => (
              <li key={request.id} className="py-2">
                <p className="font-medium">{dataStateLabels[request.state]}: {request.titles.join(", ")}</p>
                <p className="text-slate-600">{request.timing}</p>
              </li>
            ))}
          </ul>
        )}
      </Card>
    </div>
  );
}
