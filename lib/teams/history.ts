import { recordAudit } from "../audit";
import type { Tx } from "../db/connect";
import type { EventType } from "../events/catalogue";
import { recordEvent } from "../events/record";

type TeamEvent = Extract<EventType, `organization.${string}`>;

export interface TeamChange {
  type: TeamEvent;
  organizationId: string;
  actorId: string | null;
  /** The person the change is about (a member, or the person who accepted an invitation). */
  userId?: string | null;
  /** What the timeline shows beside it: the invited address, for instance. */
  message?: string | null;
  fromState?: string | null;
  toState?: string | null;
  /** The audit log's target: the invitation or the person changed. */
  target: { type: "team_invitation" | "user"; id: string };
}

/**
 * Every change to a team, in the change's own transaction: an entry on the organization's
 * timeline (the team page's history) and one in the audit log, so neither exists without the other.
 */
export async function recordTeamChange(tx: Tx, change: TeamChange): Promise<void> {
  const { type, organizationId, actorId, userId = null, message = null, fromState = null, toState = null, target } = change;
  await recordEvent(tx, { type, organizationId, userId, actorId, message, fromState, toState });
  await recordAudit(tx, {
    actorId,
    subjectUserId: userId,
    organizationId,
    action: type.replace("organization.", "team."),
    targetType: target.type,
    targetId: target.id,
    fromState,
    toState,
    ...(message ? { details: { note: message } } : {}),
  });
}
