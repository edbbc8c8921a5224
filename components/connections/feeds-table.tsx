import { Fragment } from "react";
import { Table, wideOnly } from "@/components/ui/table";
import type { ConnectionDto } from "@/lib/connections/dto";
import { canMoveFeed } from "@/lib/connections/feeds";
import { feedPhaseLabels } from "@/lib/connections/labels";
import { feedPhases } from "@/lib/schemas/connections";
import { MoveFeedForm } from "./move-feed-form";
import { shortDate } from "./request-table";

/** What a feed in each phase most likely does next: the form offers it first, so a slip of "Move" never sends a live feed back. */
const likelyNext = { setup: "testing", testing: "live", live: "paused", paused: "live" } as const;

/** Where a feed may go from its phase, the likely next one first. */
function targetsFrom(phase: (typeof feedPhases)[number]): string[] {
  const allowed = feedPhases.filter((to) => canMoveFeed(phase, to));
  return [likelyNext[phase], ...allowed.filter((to) => to !== likelyNext[phase])];
}

/** The connection's feeds; while it is active, each with the control that moves it on. */
export function FeedsTable({ connection, canMove }: { connection: ConnectionDto; canMove: boolean }) {
  // A waiting or ended connection delivers nothing, whatever its feeds' phases.
  const active = connection.status === "ACTIVE";
  const columns = [{ label: "Integration" }, { label: "Schedule (cron)", wide: true }, { label: "Phase" }, { label: "Phase changed", wide: true }, { label: "Next expected delivery", wide: true }];
  return (
    <Table caption="Feeds" columns={columns}>
      {connection.feeds.map((feed) => (
        <Fragment key={feed.record_uuid}>
          <tr className={canMove ? "" : "border-b border-slate-100"} data-testid="feed-row">
            <td className="px-3 py-2 font-medium">{feed.integration_type}</td>
            <td className={`px-3 py-2 font-mono ${wideOnly}`}>{feed.update_frequency || "—"}</td>
            <td className="px-3 py-2" data-testid="feed-phase">{feedPhaseLabels[feed.phase] ?? feed.phase}</td>
            <td className={`px-3 py-2 ${wideOnly}`}>{shortDate(feed.phase_changed_date)}</td>
            <td className={`px-3 py-2 ${wideOnly}`}>{feed.next_expected_date && active ? shortDate(feed.next_expected_date) : "—"}</td>
          </tr>
          {canMove && (
            <tr className="border-b border-slate-100">
              <td colSpan={columns.length} className="px-3 pb-3">
                <MoveFeedForm connectionId={connection.uuid} integrationId={feed.record_uuid} label={`Move the ${feed.integration_type} feed`} phases={targetsFrom(feed.phase)} />
              </td>
            </tr>
          )}
        </Fragment>
      ))}
    </Table>
  );
}
