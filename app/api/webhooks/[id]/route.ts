import { methodNotAllowed, noContent } from "@/lib/http/route";
import { timpRoute } from "@/lib/http/timp-route";
import { deleteWebhookEndpoint } from "@/lib/webhooks/endpoints";

/** DELETE /webhooks/{id}: 204; another organization's endpoint is 404. */
export const DELETE = timpRoute<{ id: string }>(async ({ params, actor }) => {
  await deleteWebhookEndpoint(actor, params.id);
  return noContent();
});

const others = methodNotAllowed("timp", ["DELETE"]);
export { others as GET, others as POST, others as PUT, others as PATCH };
