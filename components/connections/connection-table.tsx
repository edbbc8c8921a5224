import Link from "next/link";
import { Table, wideOnly } from "@/components/ui/table";
import { sideLabels } from "@/lib/connections/labels";
import type { ConnectionView } from "@/lib/connections/portal";
import { ConnectionStatusBadge } from "./connection-status-badge";
import { shortDate } from "./request-table";

export const liveCount = (feeds: { phase: string }[]) => `${feeds.filter((feed) => feed.phase === "live").length} of ${feeds.length} live`;

/** Connections, one a row: on a phone only whom it is with and its state show. */
export function ConnectionTable({ views }: { views: ConnectionView[] }) {
  return (
    <Table caption="Connections" columns={[{ label: "Connection with" }, { label: "Our side", wide: true }, { label: "Feeds", wide: true }, { label: "Created", wide: true }, { label: "State" }]}>
      {views.map(({ connection, side, otherParty, createdAt }) => (
        <tr key={connection.uuid} className="border-b border-slate-100" data-testid="connection-row">
          <td className="px-3 py-2">
            <Link href={`/partners/${connection.uuid}`} className="text-brand-700 underline">{otherParty}</Link>
          </td>
          <td className={`px-3 py-2 ${wideOnly}`}>{sideLabels[side]}</td>
          <td className={`px-3 py-2 ${wideOnly}`}>{liveCount(connection.feeds)}</td>
          <td className={`px-3 py-2 ${wideOnly}`}>{shortDate(createdAt)}</td>
          <td className="px-3 py-2"><ConnectionStatusBadge status={connection.status} /></td>
        </tr>
      ))}
    </Table>
  );
}
