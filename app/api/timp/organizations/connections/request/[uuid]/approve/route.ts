import { decideConnectionRequest } from "@/lib/connection-requests/decisions";
import { methodNotAllowed, noContent } from "@/lib/http/route";
import { timpRoute } from "@/lib/http/timp-route";

/** POST .../request/{uuid}/approve/: admins only; 204, or 422 when already decided. */
export const POST = timpRoute<{ uuid: string }>(async ({ params, actor }) => {
  await decideConnectionRequest(actor, params.uuid, { kind: "approve" });
  return noContent();
});

const others = methodNotAllowed("timp", ["POST"]);
export { others as GET, others as PUT, others as PATCH, others as DELETE };
