import { z } from "zod";
import { withoutNullCharacters } from "./fields";

/**
 * The platform admins' pages: people, organizations and the audit log. Their state lives in the
 * URL; as with the other lists, a bad value falls back to none rather than failing the page.
 */
const searchText = z.string().trim().max(200).refine(withoutNullCharacters).optional().catch(undefined).transform((value) => value || undefined);
/** A prefix of what is stored lower-cased (e-mail addresses, organizations' name keys). */
const prefix = searchText.transform((value) => value?.toLowerCase());

/** `?q=bob&after=bob@example.com`: people by e-mail prefix, a page after the cursor (an e-mail). */
export const peopleQuerySchema = z.object({ q: prefix, after: prefix });
export type PeopleQuery = z.output<typeof peopleQuerySchema>;

/** `?q=acme&after=acme retail`: organizations by name prefix, after a name key. */
export const organizationsQuerySchema = z.object({ q: prefix, after: prefix });
export type OrganizationsQuery = z.output<typeof organizationsQuerySchema>;

const day = z.iso.date().optional().catch(undefined);
/** An audit entry's place in the log, newest first: its time and id. */
const auditCursor = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z_[0-9a-f-]{36}$/i)
  .transform((value) => ({ createdAt: new Date(value.slice(0, 24)), id: value.slice(25) }))
  .optional()
  .catch(undefined);

/** The audit log's filters: actor's e-mail, action, subject (a person's e-mail or a target id), days from/to (UTC, inclusive). */
export const auditLogFilterSchema = z.object({
  actor: prefix,
  action: searchText,
  subject: searchText,
  from: day,
  to: day,
});
export type AuditLogFilter = z.output<typeof auditLogFilterSchema>;
/** The filters and a page's cursor (the last entry shown). */
export const auditLogQuerySchema = auditLogFilterSchema.extend({ after: auditCursor });
export type AuditLogQuery = z.output<typeof auditLogQuerySchema>;
export const auditCursorOf = (entry: { createdAt: Date; id: string }) => `${entry.createdAt.toISOString()}_${entry.id}`;

/** What the buttons on a person's page do. */
export const personChanges = ["disable", "enable", "promote", "demote"] as const;
export type PersonChange = (typeof personChanges)[number];

export const personChangeSchema = z.object({ userId: z.uuid(), change: z.enum(personChanges) });
