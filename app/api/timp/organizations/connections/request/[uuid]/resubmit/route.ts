import { resubmitConnectionRequest } from "@/lib/connection-requests/commands";
import { methodNotAllowed, noContent } from "@/lib/http/route";
import { timpRoute } from "@/lib/http/timp-route";

/** POST .../request/{uuid}/resubmit/: the requesting organization, after editing; 204, or 422 unless changes were requested. */
export const POST = timpRoute<{ uuid: string }>(async ({ params, actor }) => {
  await resubmitConnectionRequest(actor, params.uuid);
  return noContent();
});

const others = methodNotAllowed("timp", ["POST"]);
export { others as GET, others as PUT, others as PATCH, others as DELETE };
