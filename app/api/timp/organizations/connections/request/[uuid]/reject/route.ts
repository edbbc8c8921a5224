import { assertCanDecide, decideConnectionRequest } from "@/lib/connection-requests/decisions";
import { readJsonBody } from "@/lib/http/body";
import { methodNotAllowed, noContent } from "@/lib/http/route";
import { timpRoute } from "@/lib/http/timp-route";
import { parseInput } from "@/lib/http/validate";
import { rejectConnectionRequestSchema } from "@/lib/schemas/connection-requests";

/** POST .../request/{uuid}/reject/ with `{"reason"}`: admins only; 204, or 422 when already decided. */
export const POST = timpRoute<{ uuid: string }>(async ({ request, params, actor }) => {
  assertCanDecide(actor);
  const { reason } = parseInput(rejectConnectionRequestSchema, await readJsonBody(request));
  await decideConnectionRequest(actor, params.uuid, { kind: "reject", reason });
  return noContent();
});

const others = methodNotAllowed("timp", ["POST"]);
export { others as GET, others as PUT, others as PATCH, others as DELETE };
