import { json, methodNotAllowed } from "@/lib/http/route";
import { timpRoute } from "@/lib/http/timp-route";
import { enableWebhookEndpoint } from "@/lib/webhooks/endpoints";

/** POST /webhooks/{id}/enable: turns a disabled endpoint back on; the last 24 hours' deliveries are sent again. */
export const POST = timpRoute<{ id: string }>(async ({ params, actor }) => json(await enableWebhookEndpoint(actor, params.id)));

const others = methodNotAllowed("timp", ["POST"]);
export { others as GET, others as PUT, others as PATCH, others as DELETE };
