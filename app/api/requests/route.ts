import { bearerToken } from "@/lib/auth/bearer";
import { listDataRequestsJson } from "@/lib/data-requests/list-json";
import { createDataRequest } from "@/lib/data-requests/requests";
import { readJsonBody } from "@/lib/http/body";
import { requestsRoute } from "@/lib/http/requests-route";
import { apiRoute, json, jsonText, methodNotAllowed } from "@/lib/http/route";
import { parseInput } from "@/lib/http/validate";
import { createDataRequestSchema } from "@/lib/schemas/data-requests";

/**
 * GET /requests: the caller's active data requests, newest first, as a bare array: the token's
 * checks and the list in one statement whose JSON text is the answer (lib/data-requests/list-json.ts).
 */
export const GET = apiRoute("requests", async ({ request }) => jsonText(await listDataRequestsJson(bearerToken(request))));

/** POST /requests `{"dataRequested": [...]}`: 201 with the request and its Location. */
export const POST = requestsRoute("requests:write", async ({ request, caller }) => {
  const { dataRequested } = parseInput(createDataRequestSchema, await readJsonBody(request));
  const created = await createDataRequest(caller.userId, dataRequested);
  return json(created, { status: 201, headers: { Location: `/api/requests/${created.requestId}` } });
});

const others = methodNotAllowed("requests", ["GET", "POST"]);
export { others as PUT, others as PATCH, others as DELETE };
