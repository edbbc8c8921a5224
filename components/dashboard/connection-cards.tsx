import Link from "next/link";
import { shortDate } from "@/components/connections/request-table";
import { feedPhaseLabels } from "@/lib/connections/labels";
import type { memberDashboard } from "@/lib/dashboards/member";
import { Card, Empty, Figure } from "./card";

type Dashboard = Awaited<ReturnType<typeof memberDashboard>>;

/** A supplier's first concern: the retailers waiting for its answer, then what is already running. */
export function SupplierConnectionsCard({ supplier }: { supplier: NonNullable<Dashboard["supplier"]> }) {
  return (
    <Card title="Waiting for your confirmation" more={{ href: "/partners", label: "All connections" }} testId="waiting-for-confirmation">
      <ul className="grid grid-cols-2 gap-2">
        <Figure label="Waiting" value={supplier.waitingCount} href="/partners" emphasis={supplier.waitingCount > 0} testId="count-waiting" />
        <Figure label="Active connections" value={supplier.activeCount} href="/partners" testId="count-active" />
      </ul>
      {supplier.waiting.length === 0 ? (
        <Empty>No connection waits for your answer.</Empty>
      ) : (
        <ul className="flex flex-col divide-y divide-slate-100 text-sm">
          {supplier.waiting.map((connection) => (
            <li key={connection.id} className="py-2">
              <Link href={`/partners/${connection.id}`} className="font-medium text-brand-700 underline">{connection.retailer}</Link>
              <p className="text-slate-600">Approved {shortDate(connection.at)}</p>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}

/** A retailer's active connections whose feeds have not reached live. */
export function FeedsNotLiveCard({ feeds }: { feeds: NonNullable<Dashboard["feedsNotLive"]> }) {
  return (
    <Card title="Feeds not yet live" more={{ href: "/partners", label: "All connections" }} testId="feeds-not-live">
      {feeds.count === 0 ? (
        <Empty>Every feed of your active connections is live.</Empty>
      ) : (
        <>
          <p className="text-sm text-slate-700" data-testid="count-feeds-not-live">{feeds.count} feed{feeds.count === 1 ? "" : "s"} not yet live</p>
          <ul className="flex flex-col divide-y divide-slate-100 text-sm">
            {feeds.feeds.map((feed) => (
              <li key={feed.id} className="py-2">
                <Link href={`/partners/${feed.connectionId}`} className="font-medium text-brand-700 underline">{feed.supplier}: {feed.type}</Link>
                <p className="text-slate-600">{feedPhaseLabels[feed.phase] ?? feed.phase}</p>
              </li>
            ))}
          </ul>
        </>
      )}
    </Card>
  );
}
