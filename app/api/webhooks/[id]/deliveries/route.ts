import { json, methodNotAllowed } from "@/lib/http/route";
import { timpRoute } from "@/lib/http/timp-route";
import { listWebhookDeliveries } from "@/lib/webhooks/endpoints";

/** GET /webhooks/{id}/deliveries: the 20 most recent deliveries, newest first. */
export const GET = timpRoute<{ id: string }>(async ({ params, actor }) => json({ deliveries: await listWebhookDeliveries(actor, params.id) }));

const others = methodNotAllowed("timp", ["GET"]);
export { others as POST, others as PUT, others as PATCH, others as DELETE };
