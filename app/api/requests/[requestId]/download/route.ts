import { getDataRequestArchive } from "@/lib/data-requests/requests";
import { requestsRoute } from "@/lib/http/requests-route";
import { attachment, methodNotAllowed } from "@/lib/http/route";

/** GET /requests/{requestId}/download: the ZIP of a completed request. */
export const GET = requestsRoute<{ requestId: string }>("requests:read", async ({ params, caller }) => {
  const { archive, fileName } = await getDataRequestArchive(caller.userId, params.requestId);
  return attachment(archive.content, { contentType: "application/zip", size: archive.size, name: fileName });
});

const others = methodNotAllowed("requests", ["GET"]);
export { others as POST, others as PUT, others as PATCH, others as DELETE };
