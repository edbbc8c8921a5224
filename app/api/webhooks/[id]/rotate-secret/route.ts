import { json, methodNotAllowed } from "@/lib/http/route";
import { timpRoute } from "@/lib/http/timp-route";
import { rotateWebhookSecret } from "@/lib/webhooks/endpoints";

/** POST /webhooks/{id}/rotate-secret: a new secret, shown this once; the old one stops at once. */
export const POST = timpRoute<{ id: string }>(async ({ params, actor }) => json(await rotateWebhookSecret(actor, params.id)));

const others = methodNotAllowed("timp", ["POST"]);
export { others as GET, others as PUT, others as PATCH, others as DELETE };
