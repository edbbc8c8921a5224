import { z } from "zod";
import * as out from "../schemas/responses";
import { createdWebhookSchema, createWebhookSchema, webhookDeliverySchema, webhookEndpointSchema } from "../schemas/webhooks";
import { json, response, timpErrors, timpSecurity, uuidParam } from "./shared";

const base = "/api/webhooks";
const signing =
  "Each delivery is a POST of `{\"type\", \"timestamp\", \"data\"}` (`data`: the connection request as the TIMP API returns it), signed as the Standard Webhooks specification says: headers `webhook-id`, `webhook-timestamp` and `webhook-signature` (`v1,<Base64 HMAC-SHA256 of id.timestamp.body>` with the Base64 key after `whsec_`). Answer 2xx within 10 s; anything else is retried with exponential backoff for 24 hours, redirects are not followed, and an endpoint failing for 24 hours is disabled.";
const notFound = response("Unknown, or another organization's.", out.timpErrorSchema);

/** Webhook endpoints of an organization (or, for admins, the platform). */
export const webhookPaths = {
  [base]: {
    get: {
      operationId: "listWebhooks",
      tags: ["Webhooks"],
      summary: "The endpoints of the caller's organization (an admin's: the platform's, receiving every organization's events).",
      security: timpSecurity,
      responses: { "200": response("The endpoints.", z.object({ webhooks: z.array(webhookEndpointSchema) })), ...timpErrors },
    },
    post: {
      operationId: "createWebhook",
      tags: ["Webhooks"],
      summary: "Register an endpoint for connection-request events. " + signing,
      security: timpSecurity,
      requestBody: json(createWebhookSchema, { url: "https://hooks.example.com/crux", events: ["connection_request.approved", "connection_request.rejected"] }),
      responses: {
        "201": response("Registered; the secret is shown this once.", createdWebhookSchema),
        "400": response("Field errors.", out.timpErrorSchema, { url: ["Use an https:// URL."] }),
        "403": response("Neither a member of an organization nor an admin.", out.timpErrorSchema),
        ...timpErrors,
      },
    },
  },
  [`${base}/{id}`]: {
    delete: {
      operationId: "deleteWebhook",
      tags: ["Webhooks"],
      summary: "Delete an endpoint; its pending deliveries go with it.",
      security: timpSecurity,
      requestParams: uuidParam("id"),
      responses: { "204": response("Deleted."), "404": notFound, ...timpErrors },
    },
  },
  [`${base}/{id}/rotate-secret`]: {
    post: {
      operationId: "rotateWebhookSecret",
      tags: ["Webhooks"],
      summary: "A new signing secret, effective at once (shown this once); the previous one signs too for 24 hours (a second `v1,` signature). Turns a disabled endpoint back on.",
      security: timpSecurity,
      requestParams: uuidParam("id"),
      responses: { "200": response("The new secret.", z.object({ secret: z.string() })), "404": notFound, ...timpErrors },
    },
  },
  [`${base}/{id}/enable`]: {
    post: {
      operationId: "enableWebhook",
      tags: ["Webhooks"],
      summary: "Turn a disabled endpoint back on: deliveries that failed within the last 24 hours are sent again, older ones stay failed.",
      security: timpSecurity,
      requestParams: uuidParam("id"),
      responses: { "200": response("Enabled (or already on).", z.object({ requeued: z.number().int() })), "404": notFound, ...timpErrors },
    },
  },
  [`${base}/{id}/test`]: {
    post: {
      operationId: "testWebhook",
      tags: ["Webhooks"],
      summary: "Queue a signed `webhook.test` event for the endpoint.",
      security: timpSecurity,
      requestParams: uuidParam("id"),
      responses: {
        "202": response("Queued.", z.object({ delivery_id: z.string() })),
        "404": notFound,
        "409": response("The endpoint is disabled.", out.timpErrorSchema, { detail: "This endpoint is disabled: enable it first." }),
        "429": response("At most 5 test events per endpoint per hour (see `Retry-After`).", out.timpErrorSchema, { detail: "At most 5 test events per endpoint per hour: try again in 42 min." }),
        ...timpErrors,
      },
    },
  },
  [`${base}/{id}/deliveries`]: {
    get: {
      operationId: "listWebhookDeliveries",
      tags: ["Webhooks"],
      summary: "The endpoint's 20 most recent deliveries: event, time, response status, attempts.",
      security: timpSecurity,
      requestParams: uuidParam("id"),
      responses: { "200": response("The deliveries, newest first.", z.object({ deliveries: z.array(webhookDeliverySchema) })), "404": notFound, ...timpErrors },
    },
  },
};
