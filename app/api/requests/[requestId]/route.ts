import { dataRequestDto } from "@/lib/data-requests/dto";
import { cancelDataRequest, getDataRequest } from "@/lib/data-requests/requests";
import { requestsRoute } from "@/lib/http/requests-route";
import { json, methodNotAllowed, noContent } from "@/lib/http/route";

type Params = { requestId: string };

/** GET /requests/{requestId}: one of the caller's requests (anyone else's: 404). */
export const GET = requestsRoute<Params>("requests:read", async ({ params, caller }) =>
  json(dataRequestDto(await getDataRequest(caller.userId, params.requestId))),
);

/** DELETE /requests/{requestId}: cancels it while not completed; 204. */
export const DELETE = requestsRoute<Params>("requests:write", async ({ params, caller }) => {
  await cancelDataRequest(caller.userId, params.requestId);
  return noContent();
});

const others = methodNotAllowed("requests", ["GET", "DELETE"]);
export { others as POST, others as PUT, others as PATCH };
