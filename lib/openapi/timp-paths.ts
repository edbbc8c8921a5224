import { z } from "zod";
import {
  approveConnectionRequestSchema,
  createConnectionRequestSchema,
  listConnectionRequestsQuerySchema,
  rejectConnectionRequestSchema,
  updateConnectionRequestSchema,
} from "../schemas/connection-requests";
import * as out from "../schemas/responses";
import { userLoginSchema } from "../schemas/users";
import { json, response, timpErrors, timpSecurity, uuidParam } from "./shared";
import { timpConnectionPaths } from "./timp-connection-paths";

const base = "/api/timp/organizations";

/** Approve's optional precondition: the version read (GET's `version` or ETag), quoted or not. */
const approveVersionHeader = z.object({
  "if-match": z.string().optional().meta({
    description: "The request's `version` as read (its ETag). If the request changed since, 409 and nothing changes. Takes precedence over `version` in the body.",
    example: '"1764478825123"',
  }),
});

/** The TIMP connection-requests API, as served under <origin>/api. */
export const timpPaths = {
        [`${base}/user-login`]: {
          post: {
            operationId: "userLogin",
            tags: ["TIMP"],
            summary: "Exchange e-mail and password for a Token (valid two hours). An account with a second factor sends `otp` too.",
            requestBody: json(userLoginSchema, { username: "alice@acme-retail.example", password: "demo-password" }),
            responses: {
              "200": response("The token and the organization.", out.userLoginResponseSchema),
              "400": response("A field is missing or invalid.", out.timpErrorSchema, { username: ["This field is required."] }),
              "401": response("Wrong e-mail, password or `otp`.", out.timpErrorSchema, { detail: "Unable to log in with provided credentials." }),
              "403": response("The account has a second factor and no `otp` was sent, or it is a platform admin who must enrol one first.", out.timpErrorSchema, {
                detail: 'This account has a second factor: send "otp" (a current code from the authenticator app, or a recovery code) with username and password, or use a named API token (Settings → API tokens).',
              }),
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
            responses: { "200": { ...response("The request.", out.connectionRequestSchema), headers: z.object({ etag: z.string().meta({ description: "The request's `version`, quoted: send it back as If-Match when approving." }) }) }, "404": response("Unknown, or another organization's.", out.timpErrorSchema, { detail: "Not found." }), ...timpErrors },
          },
          patch: {
            operationId: "updateConnectionRequest",
            tags: ["TIMP"],
            summary: "Partial update while pending or sent back for changes; `integrations` replaces the set, keeping ids sent back.",
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
                summary: action === "approve" ? "Approve (admins); creates the connection, waiting for the supplier to confirm. `supplier_organization_uuid` names its supplier organization (else the one supplier organization of the requested name)." : "Reject with a reason (admins).",
                security: timpSecurity,
                ...(action === "reject"
                  ? { requestParams: uuidParam("uuid"), requestBody: json(rejectConnectionRequestSchema, { reason: "Supplier is not onboarded yet." }) }
                  : { requestParams: { ...uuidParam("uuid"), header: approveVersionHeader }, requestBody: { required: false, ...json(approveConnectionRequestSchema, { version: 1764478825123, supplier_organization_uuid: "0b9c7c1e-4a5f-4c1e-9a51-6d3f2c8e1a10" }) } }),
                responses: {
                  "204": response("Decided."),
                  ...(action === "reject"
                    ? { "400": response("Missing reason.", out.timpErrorSchema, { reason: ["This field is required."] }) }
                    : {
                        "400": response("`version` is not an integer, or `supplier_organization_uuid` names no supplier organization.", out.timpErrorSchema, { version: ["A valid integer is required."] }),
                        "409": response("The request changed since the version sent (If-Match or `version`); nothing changed.", out.timpErrorSchema, {
                          detail: "This request changed since you opened it; review the changes and approve again.",
                        }),
                        "413": response("Body over 1 MiB.", out.timpErrorSchema),
                      }),
                  "403": response("Not an admin.", out.timpErrorSchema, { detail: "Only platform admins can approve, reject or send back connection requests." }),
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
        ...timpConnectionPaths,
};
