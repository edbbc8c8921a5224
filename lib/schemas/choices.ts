/**
 * The fixed choices the schemas accept, as plain values: forms in the browser import them from
 * here, so a select's options cost a few bytes rather than the validation library (zod is
 * about 30 KiB gzipped). The schemas beside this file validate against the same arrays.
 */
export const integrationTypes = ["item", "order", "allocation", "tracking", "other"] as const;
export type IntegrationType = (typeof integrationTypes)[number];

export const connectionRequestStatuses = ["pending", "changes_requested", "approved", "rejected"] as const;
export type ConnectionRequestStatusName = (typeof connectionRequestStatuses)[number];

/** Lifetimes, in days, a person may give an API token. */
export const tokenLifetimes = [1, 7, 30, 90, 365] as const;

export const pageSizes = [10, 25, 50] as const;

/** What an organization's (or an admin's) webhook endpoint can subscribe to. */
export { webhookEventTypes } from "../events/catalogue";
