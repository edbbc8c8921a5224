/** Events that reach people and machines (notifications, e-mail, webhooks). */
export const deliveredEventTypes = [
  "connection_request.submitted",
  "connection_request.changes_requested",
  "connection_request.resubmitted",
  "connection_request.approved",
  "connection_request.rejected",
  "data_request.completed",
  "data_request.failed",
  "data_request.expiring",
  "data_request.expired",
] as const;

/** Timeline-only events: recorded so a request's history is whole, delivered to nobody. */
export const timelineOnlyEventTypes = ["data_request.submitted", "data_request.cancelled", "data_request.retried"] as const;

export type DeliveredEventType = (typeof deliveredEventTypes)[number];
export type EventType = DeliveredEventType | (typeof timelineOnlyEventTypes)[number];

/** `connection_request.changes_requested` → `changes_requested`, as the history endpoint names it. */
export const shortEventName = (type: string) => type.slice(type.indexOf(".") + 1);
