import type { Tx } from "../db/connect";
import type { EventType } from "./catalogue";

export type EventInput = {
  type: EventType;
  actorId: string | null;
  fromState?: string | null;
  toState?: string | null;
  message?: string | null;
} & (
  | { connectionRequestId: string; organizationId: string }
  /** A connection's events carry its retailer as `organizationId`. */
  | { connectionId: string; organizationId: string; feedId?: string }
  | { dataRequestId: string; userId: string }
  /** A change to an organization's team; `userId` is the person it is about. */
  | { organizationId: string; userId?: string | null; connectionRequestId?: never; connectionId?: never; dataRequestId?: never }
);

/**
 * Records a state change. Always called inside the transaction of the change itself, so there is
 * never a change without its event; delivery reads events afterwards (lib/events/fanout.ts).
 */
export async function recordEvent(tx: Tx, event: EventInput): Promise<void> {
  await tx.event.create({ data: event });
}
