import { z } from "zod";

import { webhookEventTypes } from "./choices";

export { webhookEventTypes };

export const createWebhookSchema = z.object({
  url: z.string({ error: "This field is required." }).trim().min(1, "This field is required.").max(2000, "Ensure this field has no more than 2000 characters."),
  events: z
    .array(z.enum(webhookEventTypes, { error: `Choose from: ${webhookEventTypes.join(", ")}.` }), { error: "Give a list of event names." })
    .min(1, "Subscribe to at least one event.")
    .transform((events) => [...new Set(events)]),
}, { error: "Invalid data. Expected a dictionary." });
export type CreateWebhookInput = z.output<typeof createWebhookSchema>;

export const webhookEndpointSchema = z
  .object({
    id: z.string().meta({ format: "uuid" }),
    url: z.string(),
    events: z.array(z.enum(webhookEventTypes)),
    enabled: z.boolean().meta({ description: "False once deliveries failed for 24 hours; enabling it (or rotating the secret) turns it back on." }),
    paused: z.boolean().meta({ description: "True while the account of the person who made it is disabled: nothing is sent meanwhile." }),
    created_by: z.object({ name: z.string(), email: z.string() }).meta({ description: "Who made it." }),
    previous_secret_expires_at: z
      .string()
      .meta({ format: "date-time", description: "After a rotation, until when the previous secret signs too (a second signature)." })
      .nullable(),
    created_at: z.string().meta({ format: "date-time" }),
  })
  .meta({ id: "WebhookEndpoint" });
export const createdWebhookSchema = webhookEndpointSchema
  .extend({ secret: z.string().meta({ description: "The `whsec_` signing secret, shown this once.", example: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw" }) })
  .meta({ id: "CreatedWebhookEndpoint" });
export const webhookDeliverySchema = z
  .object({
    id: z.string().meta({ format: "uuid", description: "Also the `webhook-id` header of the request." }),
    type: z.string(),
    status: z.enum(["pending", "sending", "sent", "failed"]),
    attempts: z.number().int(),
    response_status: z.number().int().nullable(),
    last_error: z.string().nullable(),
    created_at: z.string().meta({ format: "date-time" }),
    delivered_at: z.string().meta({ format: "date-time" }).nullable(),
  })
  .meta({ id: "WebhookDelivery" });
