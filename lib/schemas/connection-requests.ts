import { z } from "zod";
import { cronError } from "../cron";
import { nonNegativeInteger, optionalText, requiredText, text, email, uuid } from "./fields";

/**
 * Connection requests as the TIMP API takes them. Input names follow the mirrored API
 * (`organization_name`, `primary_contact_name`, ...); the output names and the aliases its
 * examples use are accepted too, so a client can send back what it read.
 */
import { connectionRequestStatuses, integrationTypes, type ConnectionRequestStatusName } from "./choices";

export { connectionRequestStatuses, integrationTypes, type ConnectionRequestStatusName };
export type { IntegrationType } from "./choices";
/** Not decided yet: the requester may edit, an admin may still decide. */
export const openStatuses = ["pending", "changes_requested"] as const satisfies ConnectionRequestStatusName[];
export const isOpen = (status: ConnectionRequestStatusName) => (openStatuses as readonly string[]).includes(status);

/** Renames alias keys to their canonical name unless the canonical one is present. */
function withAliases(aliases: Record<string, string>) {
  return (input: unknown) => {
    if (!input || typeof input !== "object" || Array.isArray(input)) return input;
    const copy: Record<string, unknown> = { ...(input as Record<string, unknown>) };
    for (const [alias, canonical] of Object.entries(aliases)) {
      if (alias in copy && !(canonical in copy)) copy[canonical] = copy[alias];
      delete copy[alias];
    }
    return copy;
  };
}

// The mirrored API's examples spell types in the plural ("items"); they are stored singular.
const integrationType = z
  .string({ error: (issue) => (issue.input === undefined ? "This field is required." : "Not a valid choice.") })
  .transform((value) => value.trim().toLowerCase().replace(/s$/, ""))
  .pipe(z.enum(integrationTypes, { error: (issue) => `"${String(issue.input)}" is not a valid choice. Choose one of: ${integrationTypes.join(", ")}.` }));

const cron = z
  .string({ error: (issue) => (issue.input === undefined ? "This field is required." : "Not a valid string.") })
  .trim()
  .max(200, "Ensure this field has no more than 200 characters.")
  .superRefine((value, ctx) => {
    const error = cronError(value);
    if (error) ctx.addIssue({ code: "custom", message: error });
  });

// C0 and C1 control characters other than the line breaks that separate locations.
const controlCharacter = /[\u0000-\u0009\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
export const maxLocationsLength = 5000;

/**
 * Where an integration's files can be fetched. The mirrored API takes free text ("Locations
 * (URLs) where the files ... can be retrieved") and its own example sends a bare word, so any
 * text is accepted: one location per line, each trimmed, blank lines dropped. The server never
 * fetches them (no SSRF surface); the portal masks passwords in them.
 */
const locationList = z
  .union([z.string(), z.array(z.string()).max(20, "At most 20 locations.")], { error: "Give the locations as text, one per line, or a list of texts." })
  .meta({
    description: `Where the files can be retrieved: free text, usually URLs, one per line (or a list). Trimmed; at most ${maxLocationsLength} characters; no control characters but line breaks. Never fetched by the server.`,
  })
  .transform((value) => (Array.isArray(value) ? value : value.split(/\r?\n|\r/)).map((entry) => entry.trim()).filter(Boolean).join("\n"))
  .refine((text) => !controlCharacter.test(text), "Control characters are not allowed (only line breaks between locations).")
  .refine((text) => text.length <= maxLocationsLength, `Ensure this field has no more than ${maxLocationsLength} characters.`)
  .transform((text) => text || undefined);

const integrationInput = z.preprocess(
  withAliases({ integration_type: "type", feed_source_file_locations: "file_locations" }),
  z.object({
    record_uuid: uuid.optional(),
    type: integrationType,
    update_frequency: cron,
    file_locations: locationList.nullable().optional().transform((value) => value ?? undefined),
    file_specs: optionalText(5000),
    rules: optionalText(5000),
  }),
);
export type IntegrationInput = z.output<typeof integrationInput>;

/** An earlier upload, as a File object `{"uuid", "name"}` or its bare uuid. */
const uploadedFileRef = z.union([uuid, z.object({ uuid })], { error: "Give a file uuid or a File object." }).transform((ref) =>
  typeof ref === "string" ? ref : ref.uuid,
);

const requestAliases = withAliases({
  org_name: "organization_name",
  org_contact_full_name: "primary_contact_name",
  retailer_account_number: "organization_account_number",
  requested_integrations: "integrations",
});

const fields = {
  organization_name: requiredText(200),
  primary_contact_name: requiredText(200),
  primary_contact_phone: text(20),
  primary_contact_email: email,
  organization_account_number: text(100),
  additional_information: text(5000),
  integrations: z.array(integrationInput, { error: "Expected a list of integrations." }).max(20, "At most 20 integrations."),
  uploaded_files: z.array(uploadedFileRef, { error: "Expected a list of files." }).max(20, "At most 20 files."),
};

// Nullable rather than a union with null, so a field's own errors are reported as they are.
const nullAsAbsent = <T extends z.ZodType>(schema: T) => schema.nullable().optional().transform((v) => v ?? undefined);

export const createConnectionRequestSchema = z.preprocess(
  requestAliases,
  z.object({
    organization_name: fields.organization_name,
    primary_contact_name: fields.primary_contact_name,
    primary_contact_phone: nullAsAbsent(fields.primary_contact_phone),
    primary_contact_email: nullAsAbsent(fields.primary_contact_email),
    organization_account_number: nullAsAbsent(fields.organization_account_number),
    additional_information: nullAsAbsent(fields.additional_information),
    integrations: nullAsAbsent(fields.integrations),
    uploaded_files: nullAsAbsent(fields.uploaded_files),
  }, { error: "Invalid data. Expected a dictionary." }),
);
export type CreateConnectionRequestInput = z.output<typeof createConnectionRequestSchema>;

/** PATCH: every field optional; `integrations` replaces the set, keeping ids that are sent back. */
export const updateConnectionRequestSchema = z.preprocess(
  requestAliases,
  z.object({
    organization_name: fields.organization_name.optional(),
    primary_contact_name: fields.primary_contact_name.optional(),
    primary_contact_phone: nullAsAbsent(fields.primary_contact_phone),
    primary_contact_email: nullAsAbsent(fields.primary_contact_email),
    organization_account_number: nullAsAbsent(fields.organization_account_number),
    additional_information: nullAsAbsent(fields.additional_information),
    integrations: fields.integrations.optional(),
    uploaded_files: fields.uploaded_files.optional(),
  }, { error: "Invalid data. Expected a dictionary." }),
);
export type UpdateConnectionRequestInput = z.output<typeof updateConnectionRequestSchema>;

export const pageLimits = { defaultLimit: 50, maxLimit: 100 } as const;

/** `limit` and `start` of TIMP lists, plus this portal's `status` and `q` filters. */
export const listConnectionRequestsQuerySchema = z.object({
  limit: nonNegativeInteger.optional(),
  start: nonNegativeInteger.optional(),
  status: z.enum(connectionRequestStatuses, { error: `Choose one of: ${connectionRequestStatuses.join(", ")}.` }).optional(),
  q: text(200).optional(),
}, { error: "Invalid data. Expected a dictionary." });
export type ListConnectionRequestsQuery = z.output<typeof listConnectionRequestsQuerySchema>;

export const rejectConnectionRequestSchema = z.object({
  reason: requiredText(2000),
}, { error: "Invalid data. Expected a dictionary." });

/**
 * Approve's optional body: the `version` of the request the admin read (GET's `version`, or its
 * ETag), so an edit made since is not approved unseen. Without it, approve decides the request
 * as it is now.
 */
export const approveConnectionRequestSchema = z.object({
  version: nonNegativeInteger.transform(String).optional(),
  /** The supplier organization the connection is with; without it, the one named as requested (if exactly one). */
  supplier_organization_uuid: uuid.optional(),
}, { error: "Invalid data. Expected a dictionary." });

/** An admin sends a request back: what the requester should change (shown to them). */
export const requestChangesSchema = z.object({
  message: requiredText(2000),
}, { error: "Invalid data. Expected a dictionary." });

const selection = z.array(z.uuid()).min(1, "Select at least one request.").max(100);
const explanation = (missing: string) => z.string({ error: missing }).trim().min(1, missing).max(2000, "At most 2000 characters.");

/** `<request id>@<version>`: the version of each request the form showed, so a stale decision is refused. */
const shownVersions = z
  .array(z.string().regex(/^[0-9a-f-]{36}@\d{1,16}$/, "The form is out of date: reload the page."))
  .max(100)
  .default([])
  .transform((entries) => new Map(entries.map((entry) => entry.split("@") as [string, string])));

/** The approve form's "Supplier organization": one, "none" (invite by e-mail), or absent (found by name). */
const pickedSupplier = z.union([z.uuid("Choose a supplier organization from the list."), z.literal("none").transform(() => null)]).optional();

/** The admin portal's decision forms: one request, or a selection (bulk). `reason` is the one text box. */
export const decisionFormSchema = z.discriminatedUnion("decision", [
  z.object({ decision: z.literal("approve"), ids: selection, versions: shownVersions, supplier_organization_uuid: pickedSupplier }),
  z.object({ decision: z.literal("reject"), ids: selection, reason: explanation("Give a reason for rejecting."), versions: shownVersions }),
  z.object({ decision: z.literal("request_changes"), ids: selection, reason: explanation("Say what the requester should change."), versions: shownVersions }),
], { error: "Choose approve, reject or request changes." });
