import { assertCanDecide, decideConnectionRequest } from "@/lib/connection-requests/decisions";
import { readJsonBody } from "@/lib/http/body";
import { methodNotAllowed, noContent } from "@/lib/http/route";
import { timpRoute } from "@/lib/http/timp-route";
import { parseInput } from "@/lib/http/validate";
import { requestChangesSchema } from "@/lib/schemas/connection-requests";

/** POST .../request/{uuid}/request-changes/ with `{"message"}`: admins only; 204, or 422 unless pending. */
export const POST = timpRoute<{ uuid: string }>(async ({ request, params, actor }) => {
  assertCanDecide(actor);
  const { message } = parseInput(requestChangesSchema, await readJsonBody(request));
  await decideConnectionRequest(actor, params.uuid, { kind: "request_changes", message });
  return noContent();
});

const others = methodNotAllowed("timp", ["POST"]);
export { others as GET, others as PUT, others as PATCH, others as DELETE };
