import { z } from "zod";
import { createDocument, type ZodOpenApiOperationObject, type ZodOpenApiPathsObject } from "zod-openapi";
import {
  createConnectionRequestSchema,
  listConnectionRequestsQuerySchema,
  rejectConnectionRequestSchema,
  updateConnectionRequestSchema,
} from "../schemas/connection-requests";
import { createDataRequestSchema } from "../schemas/data-requests";
import * as out from "../schemas/responses";
import { userLoginSchema } from "../schemas/users";

/**
 * The OpenAPI 3.1 document, generated from the schemas the routes validate with and the response
 * schemas their DTOs are typed by. Served at /api/openapi.json and rendered at /docs.
 */
const json = (schema: z.ZodType, example?: unknown) => ({ content: { "application/json": { schema, ...(example ? { example } : {}) } } });
const response = (description: string, schema?: z.ZodType, example?: unknown) => ({ description, ...(schema ? json(schema, example) : {}) });

const timpErrors = {
  "401": response("Credentials missing or wrong.", out.timpErrorSchema, { detail: "Authentication credentials were not provided." }),
  "405": response("Wrong HTTP verb (see `Allow`).", out.timpErrorSchema, { detail: 'Method "DELETE" not allowed.' }),
  "503": response("The database cannot be reached.", out.timpErrorSchema, { detail: "The database is unavailable. Try again shortly." }),
};
const requestsErrors = {
  "401": response("No valid bearer token.", out.requestsErrorSchema, out.unauthorizedExample),
  "403": response("The token lacks the scope, or acts for no person.", out.requestsErrorSchema, { error: "Forbidden", message: 'This token lacks the "requests:write" scope.' }),
  "405": response("Wrong HTTP verb (see `Allow`).", out.requestsErrorSchema),
  "503": response("The database cannot be reached.", out.requestsErrorSchema),
};
const oauthErrors = {
  "400": response("RFC 6749 error (invalid_request, invalid_grant, invalid_scope, unsupported_grant_type, unauthorized_client).", out.oauthErrorSchema, { error: "invalid_grant", error_description: "The code has expired." }),
  "401": response("invalid_client (with `WWW-Authenticate: Basic` when Basic was used).", out.oauthErrorSchema, { error: "invalid_client", error_description: "Unknown client or wrong secret." }),
  "405": response("Wrong HTTP verb.", out.oauthErrorSchema),
  "429": response("Too many requests (see `Retry-After`).", out.oauthErrorSchema),
};
const timpSecurity: Record<string, string[]>[] = [{ TokenAuth: [] }, { SessionCookie: [] }];
const bearer = (scope: string) => [{ OAuth2: [scope] }];
const uuidParam = (name: string) => ({ path: z.object({ [name]: z.string().meta({ format: "uuid" }) }) });
const form = (schema: z.ZodType) => ({ content: { "application/x-www-form-urlencoded": { schema } } });

/** Every API path answers with and without a trailing slash; both are listed, as served. */
function bothForms(paths: Record<string, Record<string, ZodOpenApiOperationObject>>): ZodOpenApiPathsObject {
  const result: ZodOpenApiPathsObject = {};
  for (const [path, operations] of Object.entries(paths)) {
    result[path] = operations;
    result[`${path}/`] = Object.fromEntries(
      Object.entries(operations).map(([method, operation]) => [method, { ...operation, operationId: `${operation.operationId}WithSlash` }]),
    );
  }
  return result;
}

const base = "/api/timp/organizations";
const tokenForm = z.object({
  grant_type: z.enum(["authorization_code", "refresh_token", "client_credentials"]),
  code: z.string().optional(),
  redirect_uri: z.string().optional(),
  code_verifier: z.string().optional(),
  refresh_token: z.string().optional(),
  scope: z.string().optional(),
  client_id: z.string().optional(),
  client_secret: z.string().optional(),
});
const tokenOnlyForm = z.object({ token: z.string(), token_type_hint: z.string().optional(), client_id: z.string().optional(), client_secret: z.string().optional() });

export function buildOpenApiDocument(serverUrl = "/") {
  return createDocument(
    {
      openapi: "3.1.0",
      info: {
        title: "Crux Requests Portal API",
        version: "1.0.0",
        description:
          "Connection requests (drop-in for the Crux TIMP Discovery API: use `<origin>/api` as the base URL) and data requests (OAuth 2 bearer tokens).",
      },
      servers: [{ url: serverUrl }],
      components: {
        securitySchemes: {
          TokenAuth: { type: "apiKey", in: "header", name: "Authorization", description: "`Token <auth_token>` from user-login or the settings page." },
          SessionCookie: { type: "apiKey", in: "cookie", name: "next-auth.session-token", description: "The portal's session; unsafe methods need the app's own Origin." },
          OAuth2: {
            type: "oauth2",
            flows: {
              authorizationCode: {
                authorizationUrl: "/api/oauth/authorize",
                tokenUrl: "/api/oauth/token",
                refreshUrl: "/api/oauth/token",
                scopes: { "requests:read": "Read your data requests", "requests:write": "File and cancel data requests" },
              },
            },
            description: "Authorization code with PKCE (S256 required).",
          },
        },
      },
      paths: bothForms({
        [`${base}/user-login`]: {
          post: {
            operationId: "userLogin",
            tags: ["TIMP"],
            summary: "Exchange e-mail and password for a Token (valid two hours).",
            requestBody: json(userLoginSchema, { username: "alice@acme-retail.example", password: "demo-password" }),
            responses: {
              "200": response("The token and the organization.", out.userLoginResponseSchema),
              "400": response("A field is missing or invalid.", out.timpErrorSchema, { username: ["This field is required."] }),
              "401": response("Wrong e-mail or password.", out.timpErrorSchema, { detail: "Unable to log in with provided credentials." }),
              "405": timpErrors["405"],
              "413": response("Body over 1 MiB.", out.timpErrorSchema),
              "415": response("Body is not JSON.", out.timpErrorSchema),
              "429": response("Too many attempts (see `Retry-After`).", out.timpErrorSchema),
              "503": timpErrors["503"],
            },
          },
        },
        [`${base}/connections/request`]: {
          get: {
            operationId: "listConnectionRequests",
            tags: ["TIMP"],
            summary: "List connection requests (members: their organization's; admins: all). Parameters may also come as a JSON body.",
            security: timpSecurity,
            requestParams: { query: listConnectionRequestsQuerySchema },
            responses: {
              "200": response("A page of requests, newest first.", out.connectionRequestListSchema, { requests: [], pagination: { total_count: 0, start: 0, limit: 50 } }),
              "400": response("A parameter is invalid.", out.timpErrorSchema, { limit: ["A valid integer is required."] }),
              ...timpErrors,
              "413": response("JSON body over 1 MiB.", out.timpErrorSchema),
              "415": response("A GET body that is not JSON.", out.timpErrorSchema),
            },
          },
          post: {
            operationId: "createConnectionRequest",
            tags: ["TIMP"],
            summary: "Ask to be connected with a supplier (retailers). Honours `Idempotency-Key`.",
            security: timpSecurity,
            requestParams: { header: z.object({ "idempotency-key": z.string().optional() }) },
            requestBody: json(createConnectionRequestSchema, {
              organization_name: "Globex Supply",
              primary_contact_name: "Gina Globex",
              primary_contact_email: "gina@globex.example",
              integrations: [{ type: "items", update_frequency: "0 2 * * *", file_locations: "https://files.globex.example/items/" }],
              uploaded_files: [],
            }),
            responses: {
              "201": response("Created.", out.createdConnectionRequestSchema),
              "400": response("Field errors.", out.timpErrorSchema, { "integrations[1].update_frequency": ["Enter a cron expression of 5 fields (minute hour day month weekday), or 6 with a leading seconds field."] }),
              ...timpErrors,
              "403": response("Cookie request from another origin.", out.timpErrorSchema),
              "409": response("The caller's organization is not a retailer.", out.timpErrorSchema, { detail: "Only members of a retailer organization can request connections." }),
              "413": response("Body over 1 MiB.", out.timpErrorSchema),
              "415": response("Body is not JSON.", out.timpErrorSchema),
              "422": response("Idempotency-Key reused with another body.", out.timpErrorSchema),
            },
          },
        },
        [`${base}/connections/request/{uuid}`]: {
          get: {
            operationId: "getConnectionRequest",
            tags: ["TIMP"],
            security: timpSecurity,
            requestParams: uuidParam("uuid"),
            responses: { "200": response("The request.", out.connectionRequestSchema), "404": response("Unknown, or another organization's.", out.timpErrorSchema, { detail: "Not found." }), ...timpErrors },
          },
          patch: {
            operationId: "updateConnectionRequest",
            tags: ["TIMP"],
            summary: "Partial update while pending; `integrations` replaces the set, keeping ids sent back.",
            security: timpSecurity,
            requestParams: uuidParam("uuid"),
            requestBody: json(updateConnectionRequestSchema, { additional_information: "Updated" }),
            responses: {
              "204": response("Updated."),
              "400": response("Field errors.", out.timpErrorSchema),
              "403": response("Admins decide, they do not edit; or a cross-origin cookie request.", out.timpErrorSchema),
              "404": response("Unknown, or another organization's.", out.timpErrorSchema),
              "413": response("Body over 1 MiB.", out.timpErrorSchema),
              "415": response("Body is not JSON.", out.timpErrorSchema),
              "422": response("Already decided.", out.timpErrorSchema, { detail: "This request has been approved and can no longer be changed." }),
              ...timpErrors,
            },
          },
        },
        ...Object.fromEntries(
          (["approve", "reject"] as const).map((action) => [
            `${base}/connections/request/{uuid}/${action}`,
            {
              post: {
                operationId: `${action}ConnectionRequest`,
                tags: ["TIMP"],
                summary: action === "approve" ? "Approve (admins); creates the connection." : "Reject with a reason (admins).",
                security: timpSecurity,
                requestParams: uuidParam("uuid"),
                ...(action === "reject" ? { requestBody: json(rejectConnectionRequestSchema, { reason: "Supplier is not onboarded yet." }) } : {}),
                responses: {
                  "204": response("Decided."),
                  ...(action === "reject" ? { "400": response("Missing reason.", out.timpErrorSchema, { reason: ["This field is required."] }) } : {}),
                  "403": response("Not an admin.", out.timpErrorSchema, { detail: "Only platform admins can approve or reject connection requests." }),
                  "404": response("Unknown request.", out.timpErrorSchema),
                  "422": response("Already decided.", out.timpErrorSchema, { detail: "This request was already approved." }),
                  ...timpErrors,
                },
              },
            },
          ]),
        ),
        [`${base}/files/upload`]: {
          post: {
            operationId: "uploadFile",
            tags: ["TIMP"],
            summary: "Upload a sample file (multipart `file`, optional `filename`; 10 MiB). Honours `Idempotency-Key`.",
            security: timpSecurity,
            requestBody: { content: { "multipart/form-data": { schema: z.object({ file: z.string().meta({ format: "binary" }), filename: z.string().optional() }) } } },
            responses: {
              "201": response("Stored.", out.uploadedFileSchema),
              "400": response("No file, or an empty one.", out.timpErrorSchema, { file: ["No file was submitted."] }),
              "409": response("The caller belongs to no organization.", out.timpErrorSchema),
              "413": response("Over the size limit; nothing stored.", out.timpErrorSchema),
              "415": response("Not multipart/form-data.", out.timpErrorSchema),
              "422": response("Idempotency-Key reused with another file.", out.timpErrorSchema),
              ...timpErrors,
            },
          },
        },
        [`${base}/files/{uuid}`]: {
          get: {
            operationId: "downloadFile",
            tags: ["TIMP"],
            summary: "Download a file as an attachment, typed as the server determined.",
            security: timpSecurity,
            requestParams: uuidParam("uuid"),
            responses: {
              "200": { description: "The file.", content: { "application/octet-stream": { schema: z.string().meta({ format: "binary" }) } } },
              "404": response("Unknown, or another organization's.", out.timpErrorSchema),
              ...timpErrors,
            },
          },
        },
        [`${base}/connections`]: {
          get: {
            operationId: "listConnections",
            tags: ["TIMP"],
            security: timpSecurity,
            requestParams: { query: listConnectionRequestsQuerySchema.pick({ limit: true, start: true }) },
            responses: { "200": response("Connections created by approvals.", out.connectionListSchema), "400": response("A parameter is invalid.", out.timpErrorSchema), ...timpErrors },
          },
        },
        "/api/requests": {
          get: {
            operationId: "listDataRequests",
            tags: ["Data requests"],
            summary: "The caller's active data requests, newest first.",
            security: bearer("requests:read"),
            responses: { "200": response("A bare array.", out.dataRequestListSchema), ...requestsErrors },
          },
          post: {
            operationId: "createDataRequest",
            tags: ["Data requests"],
            security: bearer("requests:write"),
            requestBody: json(createDataRequestSchema, { dataRequested: ["profile", "activity"] }),
            responses: {
              "201": response("Created (see `Location`).", out.dataRequestSchema),
              "400": response("Empty, duplicate or unknown data types; lists the valid ones.", out.requestsErrorSchema),
              "413": response("Body over 1 MiB.", out.requestsErrorSchema),
              "415": response("Body is not JSON.", out.requestsErrorSchema),
              "429": response("Too many open requests (see `Retry-After`).", out.requestsErrorSchema),
              ...requestsErrors,
            },
          },
        },
        "/api/requests/{requestId}": {
          get: {
            operationId: "getDataRequest",
            tags: ["Data requests"],
            security: bearer("requests:read"),
            requestParams: uuidParam("requestId"),
            responses: { "200": response("The request.", out.dataRequestSchema), "404": response("Unknown, or another person's.", out.requestsErrorSchema), ...requestsErrors },
          },
          delete: {
            operationId: "cancelDataRequest",
            tags: ["Data requests"],
            security: bearer("requests:write"),
            requestParams: uuidParam("requestId"),
            responses: {
              "204": response("Cancelled."),
              "404": response("Unknown, or another person's.", out.requestsErrorSchema),
              "409": response("Already completed.", out.requestsErrorSchema),
              ...requestsErrors,
            },
          },
        },
        "/api/requests/{requestId}/download": {
          get: {
            operationId: "downloadDataRequest",
            tags: ["Data requests"],
            security: bearer("requests:read"),
            requestParams: uuidParam("requestId"),
            responses: {
              "200": { description: "The ZIP archive.", content: { "application/zip": { schema: z.string().meta({ format: "binary" }) } } },
              "404": response("Unknown, or another person's.", out.requestsErrorSchema),
              "409": response("Not completed yet.", out.requestsErrorSchema),
              ...requestsErrors,
            },
          },
        },
        "/api/data-types": {
          get: {
            operationId: "listDataTypes",
            tags: ["Data requests"],
            security: bearer("requests:read"),
            responses: { "200": response("The catalogue.", out.dataTypeListSchema), ...requestsErrors },
          },
        },
        "/api/oauth/authorize": {
          get: {
            operationId: "authorize",
            tags: ["OAuth"],
            summary: "Authorization request (code flow, PKCE S256 required). Redirects to sign-in or consent; a bad client or redirect URI is an HTML error page.",
            requestParams: {
              query: z.object({
                response_type: z.literal("code"),
                client_id: z.string(),
                redirect_uri: z.string(),
                scope: z.string().optional(),
                state: z.string().optional(),
                code_challenge: z.string(),
                code_challenge_method: z.literal("S256"),
              }),
            },
            responses: { "303": response("To sign-in, consent, or the client's redirect URI with an error."), "400": { description: "Error page (HTML).", content: { "text/html": { schema: z.string() } } }, "405": response("Wrong verb.") },
          },
          post: {
            operationId: "authorizeDecision",
            tags: ["OAuth"],
            summary: "The consent page's answer (session cookie, same origin).",
            requestBody: form(z.object({ decision: z.enum(["allow", "deny"]), client_id: z.string(), redirect_uri: z.string(), code_challenge: z.string(), code_challenge_method: z.literal("S256") })),
            responses: { "303": response("To the client's redirect URI with `code` or `error`."), "400": { description: "Error page (HTML).", content: { "text/html": { schema: z.string() } } }, "401": { description: "Signed out (HTML).", content: { "text/html": { schema: z.string() } } }, "403": response("Another origin.", out.requestsErrorSchema) },
          },
        },
        "/api/oauth/token": {
          post: {
            operationId: "token",
            tags: ["OAuth"],
            summary: "authorization_code, refresh_token (rotating) or client_credentials. Client auth: HTTP Basic or form.",
            requestBody: form(tokenForm),
            responses: { "200": response("Tokens (`Cache-Control: no-store`).", out.tokenResponseSchema), ...oauthErrors },
          },
        },
        "/api/oauth/revoke": {
          post: {
            operationId: "revoke",
            tags: ["OAuth"],
            summary: "RFC 7009: 200 even for unknown tokens.",
            requestBody: form(tokenOnlyForm),
            responses: { "200": response("Revoked, or nothing to revoke.", z.object({})), ...oauthErrors },
          },
        },
        "/api/oauth/introspect": {
          post: {
            operationId: "introspect",
            tags: ["OAuth"],
            summary: "RFC 7662, for confidential clients about their own tokens.",
            requestBody: form(tokenOnlyForm),
            responses: { "200": response("What the token is.", out.introspectionSchema, { active: false }), ...oauthErrors },
          },
        },
        "/.well-known/oauth-authorization-server": {
          get: { operationId: "oauthMetadata", tags: ["OAuth"], summary: "RFC 8414 metadata.", responses: { "200": response("Metadata.", z.record(z.string(), z.unknown())) } },
        },
        "/api/health": {
          get: {
            operationId: "health",
            tags: ["Operations"],
            responses: { "200": response("The app and its database answer.", out.healthSchema), "503": response("The database cannot be reached.", out.healthSchema, { status: "unavailable", database: "postgres" }) },
          },
        },
        "/api/openapi.json": {
          get: { operationId: "openapi", tags: ["Operations"], summary: "This document.", responses: { "200": response("OpenAPI 3.1.", z.record(z.string(), z.unknown())) } },
        },
        "/api/auth/{nextauth}": {
          get: {
            operationId: "sessionAuthGet",
            tags: ["Portal sessions"],
            summary: "next-auth's endpoints for the portal's browser sessions (session, csrf, providers, signout).",
            requestParams: { path: z.object({ nextauth: z.string() }) },
            responses: { "200": response("next-auth's answer.", z.record(z.string(), z.unknown())) },
          },
          post: {
            operationId: "sessionAuthPost",
            tags: ["Portal sessions"],
            summary: "next-auth's sign-in (credentials callback) and sign-out, with its CSRF token.",
            requestParams: { path: z.object({ nextauth: z.string() }) },
            responses: { "200": response("next-auth's answer.", z.record(z.string(), z.unknown())), "302": response("Redirect after sign-in or sign-out.") },
          },
        },
      }),
    },
    { allowEmptySchema: { custom: true, unknown: true, pipe: true, transform: true } },
  );
}
