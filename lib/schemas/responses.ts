import { z } from "zod";
import { connectionRequestStatuses, integrationTypes } from "./connection-requests";
import { connectionStatuses, feedPhases } from "./connections";

/**
 * What the APIs answer, as zod schemas: the DTO functions are typed by them and the OpenAPI
 * document is generated from them, so code and document cannot drift apart unnoticed.
 */
const timestamp = z.string().meta({ format: "date-time", example: "2026-11-22T09:42:00.000Z" });
const uuid = z.string().meta({ format: "uuid", example: "0b9c7c1e-4a5f-4c1e-9a51-6d3f2c8e1a10" });

export const personSchema = z
  .object({ uuid, first_name: z.string(), last_name: z.string(), email: z.string(), phone: z.string(), job_title: z.string() })
  .meta({ id: "Person" });

/** One entry of a request's history: what happened, when, by whom (null: the system), and the message given. */
export const historyEntrySchema = z
  .object({
    event: z.string().meta({ example: "changes_requested", description: "The event's name without its prefix: submitted, changes_requested, resubmitted, approved, rejected." }),
    at: z.string().meta({ format: "date-time" }),
    actor: personSchema.nullable(),
    message: z.string().nullable(),
  })
  .meta({ id: "HistoryEntry" });
export const historySchema = z.object({ history: z.array(historyEntrySchema) }).meta({ id: "History" });

export const integrationSchema = z
  .object({
    record_uuid: uuid,
    integration_type: z.enum(integrationTypes),
    update_frequency: z.string().meta({ example: "0 2 * * *" }),
    feed_source_file_locations: z.string().nullable(),
    file_specs: z.string().nullable(),
    rules: z.string().nullable(),
    date_created: timestamp,
  })
  .meta({ id: "Integration" });

export const fileRefSchema = z.object({ uuid, name: z.string() }).meta({ id: "File" });

export const connectionRequestSchema = z
  .object({
    record_uuid: uuid,
    integrations: z.array(integrationSchema),
    uploaded_files: z.array(fileRefSchema),
    org_name: z.string(),
    org_contact_full_name: z.string(),
    primary_contact_phone: z.string(),
    primary_contact_email: z.string(),
    retailer_account_number: z.string(),
    additional_information: z.string(),
    request_date: timestamp,
    is_approved: z.boolean(),
    approved_by: z.object({ uuid, person: personSchema }).nullable().meta({ id: "Approver" }),
    status: z.enum(connectionRequestStatuses),
    rejection_reason: z.string().nullable(),
    decided_at: timestamp.nullable(),
    requested_by: personSchema.nullable(),
    version: z.number().int().meta({
      example: 1764478825123,
      description: "Changes whenever the request does (an edit, a decision). Send it back when approving (If-Match or `version`) to approve only what you read.",
    }),
  })
  .meta({ id: "ConnectionRequest" });

export const paginationSchema = z
  .object({ total_count: z.number().int(), start: z.number().int(), limit: z.number().int() })
  .meta({ id: "Pagination" });

export const connectionRequestListSchema = z
  .object({ requests: z.array(connectionRequestSchema), pagination: paginationSchema })
  .meta({ id: "ConnectionRequestList", example: { requests: [], pagination: { total_count: 0, start: 0, limit: 50 } } });

export const createdConnectionRequestSchema = z.object({ request_uuid: uuid, request_date: timestamp }).meta({ id: "CreatedConnectionRequest" });

export const accountManagerSchema = z.object({ uuid, person: personSchema }).meta({ id: "AccountManager" });

/**
 * A side's organization, as the mirrored API spells it. This portal has one record per
 * organization, so `uuid`, the side's `uuid` and its `retailer_uuid`/`supplier_uuid` are the same
 * id (the mirrored API keeps a separate retailer/supplier record; user-login answers the same way).
 * A supplier not on the portal (yet) has null ids and the name the retailer asked for.
 */
export const connectionOrganizationSchema = z
  .object({
    uuid: uuid.nullable(),
    name: z.string(),
    website: z.string(),
    org_type: z.enum(["RETAILER", "SUPPLIER"]),
    status: z.enum(["PENDING", "ACTIVE", "DEACTIVATED"]),
    created_date: timestamp.nullable(),
    active_date: timestamp.nullable(),
    account_manager: accountManagerSchema.nullable(),
    retailer_uuid: z.string().nullable().meta({ description: "The organization's id when it is a retailer, else an empty string." }),
    supplier_uuid: z.string().nullable().meta({ description: "The organization's id when it is a supplier, else an empty string; null for a supplier not on the portal." }),
  })
  .meta({ id: "ConnectionOrganization" });

/** A side's contact: the person who asked (retailer), or the contact named in the request (supplier; no uuid). */
export const connectionContactSchema = personSchema.extend({ uuid: uuid.nullable() }).meta({ id: "ConnectionContact" });

const connectionSideSchema = z.object({ uuid: uuid.nullable(), organization: connectionOrganizationSchema, contact: connectionContactSchema.nullable() });

/** One integration of the approved request, on its way to going live. */
export const connectionFeedSchema = z
  .object({
    record_uuid: uuid.meta({ description: "The integration's `record_uuid` in the connection request." }),
    integration_type: z.enum(integrationTypes),
    update_frequency: z.string().meta({ example: "0 2 * * *" }),
    phase: z.enum(feedPhases),
    phase_changed_date: timestamp,
    next_expected_date: timestamp.nullable().meta({ description: "The next run of `update_frequency` (UTC) while the feed is live; else null." }),
  })
  .meta({ id: "ConnectionFeed" });

/** The mirrored API's Connection, key for key, then this portal's additions (`feeds`, `activated_date`, `connection_request_uuid`). */
export const connectionSchema = z
  .object({
    uuid,
    retailer: connectionSideSchema,
    supplier: connectionSideSchema,
    status: z.enum(connectionStatuses),
    account_manager: accountManagerSchema.nullable(),
    allocation_type: z.string().nullable(),
    suppliers_retailer_account_number: z.string().nullable(),
    retailers_supplier_account_number: z.string().nullable(),
    deactivated_date: timestamp.nullable(),
    feeds: z.array(connectionFeedSchema),
    activated_date: timestamp.nullable(),
    connection_request_uuid: uuid,
  })
  .meta({ id: "Connection" });

/** The mirrored API answers a bare array (no envelope); `start`/`limit` page it. */
export const connectionListSchema = z.array(connectionSchema).meta({ id: "ConnectionList" });

export const userLoginResponseSchema = z
  .object({
    auth_token: z.string(),
    org_uuid: z.string(),
    user_uuid: uuid,
    retailer_uuid: z.string(),
    supplier_uuid: z.string(),
    org_type: z.enum(["RETAILER", "SUPPLIER", "PLATFORM"]),
    permission_assignments: z.array(z.string()),
  })
  .meta({ id: "UserLogin" });

export const uploadedFileSchema = z.object({ uuid }).meta({ id: "UploadedFile" });

export const dataRequestSchema = z
  .object({
    requestId: uuid,
    createdAt: timestamp,
    expectedCompletion: timestamp.optional(),
    isCompleted: z.boolean(),
    completedAt: timestamp.optional(),
    dataRequested: z.array(z.string()),
  })
  .meta({ id: "DataRequest" });

export const dataRequestListSchema = z.array(dataRequestSchema).meta({
  id: "DataRequestList",
  example: [
    {
      requestId: "0b9c7c1e-4a5f-4c1e-9a51-6d3f2c8e1a10",
      createdAt: "2025-05-04T09:42:00.000Z",
      expectedCompletion: "2025-05-05T09:42:00.000Z",
      isCompleted: true,
      completedAt: "2025-05-04T10:42:00.000Z",
      dataRequested: ["profile"],
    },
  ],
});

export const dataTypeListSchema = z
  .array(z.object({ id: z.string(), title: z.string(), description: z.string() }))
  .meta({ id: "DataTypeList" });

export const tokenResponseSchema = z
  .object({
    access_token: z.string(),
    token_type: z.literal("Bearer"),
    expires_in: z.number().int(),
    refresh_token: z.string().optional(),
    scope: z.string(),
  })
  .meta({ id: "TokenResponse" });

export const introspectionSchema = z
  .object({
    active: z.boolean(),
    scope: z.string().optional(),
    client_id: z.string().optional(),
    token_type: z.string().optional(),
    exp: z.number().int().optional(),
    iat: z.number().int().optional(),
    sub: z.string().optional(),
  })
  .meta({ id: "Introspection" });

export const healthSchema = z
  .object({ status: z.enum(["ok", "unavailable"]), database: z.enum(["embedded", "postgres"]) })
  .meta({ id: "Health", example: { status: "ok", database: "embedded" } });

export const readinessSchema = z
  .object({
    status: z.enum(["ready", "not_ready"]),
    ready: z.boolean(),
    reason: z.enum(["stopping", "database_unreachable", "migrations_pending"]).nullable(),
  })
  .meta({ id: "Readiness", example: { status: "ready", ready: true, reason: null } });

// Error bodies, one convention per API family.
export const timpErrorSchema = z
  .union([z.object({ detail: z.string() }), z.record(z.string(), z.array(z.string()))])
  .meta({ id: "TimpError", description: '`{"detail": ...}`, or one list of messages per field.', example: { detail: "Not found." } });

export const requestsErrorSchema = z
  .object({ error: z.string(), message: z.string(), fields: z.record(z.string(), z.array(z.string())).optional() })
  .meta({ id: "RequestsError" });

export const unauthorizedExample = {
  error: "Unauthorized",
  message: "You are not authorized. Generate authentication tokens via OAuth to access this resource.",
};

export const oauthErrorSchema = z.object({ error: z.string(), error_description: z.string() }).meta({ id: "OAuthError" });
