import { declineConnection } from "@/lib/connections/transitions";
import { readJsonBody } from "@/lib/http/body";
import { json, methodNotAllowed } from "@/lib/http/route";
import { timpRoute } from "@/lib/http/timp-route";
import { parseInput } from "@/lib/http/validate";
import { connectionReasonSchema } from "@/lib/schemas/connections";

/** POST .../connections/{uuid}/decline/ with `{"reason"}`: the supplier's members turn down a waiting connection; 200 and the connection (DEACTIVATED). */
export const POST = timpRoute<{ uuid: string }>(async ({ request, params, actor }) => {
  const { reason } = parseInput(connectionReasonSchema, await readJsonBody(request));
  return json(await declineConnection(actor, params.uuid, reason));
});

const others = methodNotAllowed("timp", ["POST"]);
export { others as GET, others as PUT, others as PATCH, others as DELETE };
