import { updateConnectionRequest } from "@/lib/connection-requests/commands";
import { getConnectionRequestForActor } from "@/lib/connection-requests/queries";
import { readJsonBody } from "@/lib/http/body";
import { json, methodNotAllowed, noContent } from "@/lib/http/route";
import { timpRoute } from "@/lib/http/timp-route";
import { parseInput } from "@/lib/http/validate";
import { updateConnectionRequestSchema } from "@/lib/schemas/connection-requests";

type Params = { uuid: string };

/** GET /timp/organizations/connections/request/{uuid}/: one request (another org's: 404); its version is also the ETag, for approve's If-Match. */
export const GET = timpRoute<Params>(async ({ params, actor }) => {
  const request = await getConnectionRequestForActor(actor, params.uuid);
  return json(request, { headers: { ETag: `"${request.version}"` } });
});

/** PATCH: partial update while pending; 204. A decided request answers 422. */
export const PATCH = timpRoute<Params>(async ({ request, params, actor }) => {
  const input = parseInput(updateConnectionRequestSchema, await readJsonBody(request));
  await updateConnectionRequest(actor, params.uuid, input);
  return noContent();
});

const others = methodNotAllowed("timp", ["GET", "PATCH"]);
export { others as POST, others as PUT, others as DELETE };
