import { readJsonBody } from "@/lib/http/body";
import { json, methodNotAllowed } from "@/lib/http/route";
import { timpRoute } from "@/lib/http/timp-route";
import { parseInput } from "@/lib/http/validate";
import { createWebhookSchema } from "@/lib/schemas/webhooks";
import { createWebhookEndpoint, listWebhookEndpoints } from "@/lib/webhooks/endpoints";

/** GET /webhooks: the caller's organization's endpoints (an admin's: the platform's). */
export const GET = timpRoute(async ({ actor }) => json({ webhooks: await listWebhookEndpoints(actor) }));

/** POST /webhooks with `{"url", "events"}`: 201 with the signing secret, shown this once. */
export const POST = timpRoute(async ({ request, actor }) => {
  const input = parseInput(createWebhookSchema, await readJsonBody(request));
  return json(await createWebhookEndpoint(actor, input), { status: 201 });
});

const others = methodNotAllowed("timp", ["GET", "POST"]);
export { others as PUT, others as PATCH, others as DELETE };
