import type { TimelineEntry } from "@/lib/events/timeline";
import { feedPhaseLabels } from "@/lib/connections/labels";
import { shortDate } from "./request-table";

const words: Record<string, string> = {
  submitted: "Submitted",
  edited: "Edited",
  changes_requested: "Changes requested",
  resubmitted: "Resubmitted",
  approved: "Approved",
  rejected: "Rejected",
  completed: "Ready to download",
  failed: "Could not be built",
  expiring: "Download expiring soon",
  expired: "Download expired",
  cancelled: "Cancelled",
  // A connection's events.
  created: "Connection created, waiting for the supplier's confirmation",
  activated: "Confirmed by the supplier",
  declined: "Declined by the supplier",
  supplier_linked: "The supplier joined the portal",
  deactivated: "Deactivated",
  feed_phase_changed: "Feed moved",
  // An organization's team.
  member_invited: "Invited",
  invitation_resent: "Invitation sent again",
  invitation_revoked: "Invitation revoked",
  member_joined: "Joined the team",
  role_changed: "Role changed",
  member_removed: "Removed from the team",
  member_left: "Left the team",
};

const who = (actor: TimelineEntry["actor"]) => (actor ? `${actor.first_name} ${actor.last_name}`.trim() || actor.email : "the system");

/** A request's (or a connection's) history, oldest first: what happened, when, by whom, and the message given. */
export function Timeline({ entries, label = "History", heading: Heading = "h2" }: { entries: TimelineEntry[]; label?: string; heading?: "h2" | "h3" }) {
  return (
    <section aria-label={label}>
      <Heading className={Heading === "h2" ? "mb-2 text-lg font-medium" : "mb-1 text-sm font-medium"}>{label}</Heading>
      {entries.length === 0 ? (
        <p className="text-sm text-slate-600">Nothing has happened yet.</p>
      ) : (
        <ol className="flex flex-col gap-2 border-l-2 border-slate-200 pl-4 text-sm" data-testid="timeline">
          {entries.map((entry, index) => (
            <li key={index} data-testid="timeline-entry">
              <p>
                <span className="font-medium">{entry.change?.feed ? `The ${entry.change.feed} feed moved` : (words[entry.event] ?? entry.event)}</span>
                {entry.change && <> from {feedPhaseLabels[entry.change.from] ?? entry.change.from} to {feedPhaseLabels[entry.change.to] ?? entry.change.to}</>} · {shortDate(entry.at)} · {who(entry.actor)}
              </p>
              {entry.message && <p className="mt-0.5 whitespace-pre-wrap text-slate-700">“{entry.message}”</p>}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
