/**
 * Every event type, once: what it is about, who hears of it, what it says to them, and which
 * webhooks carry it. The tables are `Record<EventType, …>`, so adding a type without saying how
 * it reaches people is a compile error, not a silent gap. Plain data and pure functions: forms
 * in the browser read the webhook choices from here.
 */

/** Who is notified (in the portal and by e-mail); nobody is told of what they did themselves. */
export type Audience =
  /** The platform admins. */
  | "admins"
  /** The requesting organization's members and the person who submitted the request. */
  | "requesting_organization"
  /** The person a data request belongs to. */
  | "person"
  /** The members of a connection's supplier organization (when it is on the portal). */
  | "supplier_organization"
  /** The other side of a connection: both organizations' members but the actor's (an admin's change: both). */
  | "other_side"
  /** Timeline only. */
  | "nobody";

/**
 * Which endpoints receive it: an organization's (and platform) endpoints, the authorized OAuth
 * apps', or a connection's: both its organizations' (and platform) endpoints.
 */
export type WebhookFamily = "organization" | "connection" | "app" | null;

export interface MailContext {
  /** The supplier name (connection requests, connections) or the data types (data requests). */
  subject: string;
  /** The requesting organization (for admins), or a connection's retailer. */
  organization?: string;
}

interface EventSpec {
  about: "connection_request" | "connection" | "data_request" | "organization";
  audience: Audience;
  webhooks: WebhookFamily;
  /** The notification's line, given the subject. */
  notification: ((subject: string) => string) | null;
  /** The e-mail's title and first sentence. */
  mail: ((context: MailContext) => { title: string; body: string }) | null;
}

const catalogue = {
  "connection_request.submitted": {
    about: "connection_request",
    audience: "admins",
    webhooks: "organization",
    notification: (subject) => `New connection request: ${subject}`,
    mail: (c) => ({ title: `New connection request: ${c.organization} → ${c.subject}`, body: `${c.organization} asks to be connected with ${c.subject}. It is pending your review.` }),
  },
  "connection_request.resubmitted": {
    about: "connection_request",
    audience: "admins",
    webhooks: "organization",
    notification: (subject) => `Resubmitted for review: ${subject}`,
    mail: (c) => ({
      title: `Resubmitted for review: ${c.organization} → ${c.subject}`,
      body: `${c.organization} edited its request to connect with ${c.subject} and sent it back for review. It is pending again.`,
    }),
  },
  "connection_request.changes_requested": {
    about: "connection_request",
    audience: "requesting_organization",
    webhooks: "organization",
    notification: (subject) => `Changes requested: ${subject}`,
    mail: (c) => ({
      title: `Changes requested: ${c.subject}`,
      body: `The platform admins sent your request to connect with ${c.subject} back for changes. Edit it and resubmit it for review.`,
    }),
  },
  "connection_request.approved": {
    about: "connection_request",
    audience: "requesting_organization",
    webhooks: "organization",
    notification: (subject) => `Approved: ${subject}`,
    mail: (c) => ({ title: `Approved: ${c.subject}`, body: `Your request to connect with ${c.subject} was approved.` }),
  },
  "connection_request.rejected": {
    about: "connection_request",
    audience: "requesting_organization",
    webhooks: "organization",
    notification: (subject) => `Rejected: ${subject}`,
    mail: (c) => ({ title: `Rejected: ${c.subject}`, body: `Your request to connect with ${c.subject} was rejected.` }),
  },
  "connection_request.edited": { about: "connection_request", audience: "nobody", webhooks: null, notification: null, mail: null },
  "connection.created": {
    about: "connection",
    audience: "supplier_organization",
    webhooks: "connection",
    notification: (subject) => `New connection to confirm: ${subject}`,
    mail: (c) => ({
      title: `${c.organization} wants to connect with you`,
      body: `${c.organization}'s request to connect with ${c.subject} was approved. Confirm the connection to go live, or decline it.`,
    }),
  },
  "connection.activated": {
    about: "connection",
    audience: "other_side",
    webhooks: "connection",
    notification: (subject) => `Connection confirmed: ${subject}`,
    mail: (c) => ({ title: `Connection confirmed: ${c.organization} ↔ ${c.subject}`, body: `${c.subject} confirmed the connection with ${c.organization}. It is active.` }),
  },
  "connection.declined": {
    about: "connection",
    audience: "other_side",
    webhooks: "connection",
    notification: (subject) => `Connection declined: ${subject}`,
    mail: (c) => ({ title: `Connection declined: ${c.organization} ↔ ${c.subject}`, body: `${c.subject} declined the connection with ${c.organization}.` }),
  },
  "connection.deactivated": {
    about: "connection",
    audience: "other_side",
    webhooks: "connection",
    notification: (subject) => `Connection deactivated: ${subject}`,
    mail: (c) => ({ title: `Connection deactivated: ${c.organization} ↔ ${c.subject}`, body: `The connection between ${c.organization} and ${c.subject} was deactivated. This is final.` }),
  },
  "connection.supplier_linked": {
    about: "connection",
    audience: "other_side",
    webhooks: "connection",
    notification: (subject) => `Supplier joined the portal: ${subject}`,
    mail: (c) => ({
      title: `${c.subject} joined the portal`,
      body: `${c.subject} is now on Crux Requests and can confirm the connection with ${c.organization}.`,
    }),
  },
  "connection.feed_phase_changed": {
    about: "connection",
    audience: "other_side",
    webhooks: "connection",
    notification: (subject) => `A feed moved on: ${subject}`,
    mail: (c) => ({ title: `A feed moved on: ${c.organization} ↔ ${c.subject}`, body: `A feed of the connection between ${c.organization} and ${c.subject} changed phase.` }),
  },
  "data_request.submitted": { about: "data_request", audience: "nobody", webhooks: null, notification: null, mail: null },
  "data_request.cancelled": { about: "data_request", audience: "nobody", webhooks: null, notification: null, mail: null },
  "data_request.retried": { about: "data_request", audience: "nobody", webhooks: null, notification: null, mail: null },
  "data_request.completed": {
    about: "data_request",
    audience: "person",
    webhooks: "app",
    notification: (subject) => `Your copy is ready: ${subject}`,
    mail: (c) => ({ title: "Your copy of your data is ready", body: `The copy you asked for (${c.subject}) is ready to download.` }),
  },
  "data_request.failed": {
    about: "data_request",
    audience: "person",
    webhooks: "app",
    notification: (subject) => `We could not build your copy: ${subject}`,
    mail: (c) => ({
      title: "We could not build your copy",
      body: `We could not build the copy you asked for (${c.subject}). The admins can retry it; you can also file a new request.`,
    }),
  },
  "data_request.expiring": {
    about: "data_request",
    audience: "person",
    webhooks: "app",
    notification: (subject) => `Your download expires soon: ${subject}`,
    mail: (c) => ({ title: "Your download expires soon", body: `The copy of your data (${c.subject}) will be deleted soon. Download it before then.` }),
  },
  "data_request.expired": {
    about: "data_request",
    audience: "person",
    webhooks: "app",
    notification: (subject) => `Your download has expired: ${subject}`,
    mail: (c) => ({ title: "Your download has expired", body: `The copy of your data (${c.subject}) has expired and was deleted. You can file a new request.` }),
  },
  // An organization's team: its timeline (the team page's history) and the audit log say enough.
  "organization.member_invited": { about: "organization", audience: "nobody", webhooks: null, notification: null, mail: null },
  "organization.invitation_resent": { about: "organization", audience: "nobody", webhooks: null, notification: null, mail: null },
  "organization.invitation_revoked": { about: "organization", audience: "nobody", webhooks: null, notification: null, mail: null },
  "organization.member_joined": { about: "organization", audience: "nobody", webhooks: null, notification: null, mail: null },
  "organization.role_changed": { about: "organization", audience: "nobody", webhooks: null, notification: null, mail: null },
  "organization.member_removed": { about: "organization", audience: "nobody", webhooks: null, notification: null, mail: null },
  "organization.member_left": { about: "organization", audience: "nobody", webhooks: null, notification: null, mail: null },
} as const satisfies Record<string, EventSpec>;

export type EventType = keyof typeof catalogue;

export const eventTypes = Object.keys(catalogue) as EventType[];

export const isEventType = (type: string): type is EventType => Object.hasOwn(catalogue, type);

/** The catalogue's entry; null for a type no longer (or never) in it, which reaches nobody. */
export function eventSpec(type: string): EventSpec | null {
  return isEventType(type) ? catalogue[type] : null;
}

/** What an organization's (or an admin's) webhook endpoint can subscribe to. */
export const webhookEventTypes = [
  "connection_request.submitted",
  "connection_request.changes_requested",
  "connection_request.resubmitted",
  "connection_request.approved",
  "connection_request.rejected",
  "connection.created",
  "connection.activated",
  "connection.declined",
  "connection.deactivated",
  "connection.supplier_linked",
  "connection.feed_phase_changed",
] as const satisfies readonly EventType[];

type OrganizationWebhookEvent = { [K in EventType]: (typeof catalogue)[K]["webhooks"] extends "organization" | "connection" ? K : never }[EventType];
// The list above is a literal (zod's enum needs one); this line fails to compile when it misses one.
const webhookListIsComplete: [Exclude<OrganizationWebhookEvent, (typeof webhookEventTypes)[number]>] extends [never] ? true : never = true;
void webhookListIsComplete;

/** What an OAuth app's endpoint receives: the data-request events of the people who authorized it. */
export const appWebhookEvents = eventTypes.filter((type) => catalogue[type].webhooks === "app");

/** `connection_request.changes_requested` → `changes_requested`, as the history endpoint names it. */
export const shortEventName = (type: string) => type.slice(type.indexOf(".") + 1);
