import { json, methodNotAllowed } from "@/lib/http/route";
import { timpRoute } from "@/lib/http/timp-route";
import { sendTestWebhook } from "@/lib/webhooks/endpoints";

/** POST /webhooks/{id}/test: queues a signed `webhook.test` event; 202. */
export const POST = timpRoute<{ id: string }>(async ({ params, actor }) => json(await sendTestWebhook(actor, params.id), { status: 202 }));

const others = methodNotAllowed("timp", ["POST"]);
export { others as GET, others as PUT, others as PATCH, others as DELETE };
