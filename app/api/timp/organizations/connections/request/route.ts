import { submitConnectionRequest } from "@/lib/connection-requests/commands";
import { listConnectionRequests } from "@/lib/connection-requests/queries";
import { readJsonBody } from "@/lib/http/body";
import { json, methodNotAllowed } from "@/lib/http/route";
import { timpRoute } from "@/lib/http/timp-route";
import { parseInput, searchParamsObject } from "@/lib/http/validate";
import { fingerprint } from "@/lib/idempotency";
import { createConnectionRequestSchema, listConnectionRequestsQuerySchema } from "@/lib/schemas/connection-requests";

/** GET /timp/organizations/connections/request/: the organization's requests (admins: all). */
export const GET = timpRoute(async ({ request, actor }) => {
  const query = parseInput(listConnectionRequestsQuerySchema, searchParamsObject(request.nextUrl.searchParams));
  return json(await listConnectionRequests(actor, query));
});

/** POST: a retailer asks to be connected with a supplier; 201 `{"request_uuid", "request_date"}`. */
export const POST = timpRoute(async ({ request, actor }) => {
  const body = await readJsonBody(request);
  const input = parseInput(createConnectionRequestSchema, body);
  const result = await submitConnectionRequest(actor, input, {
    key: request.headers.get("idempotency-key"),
    fingerprint: fingerprint(JSON.stringify(body)),
  });
  return json(result.body, { status: result.status });
});

const others = methodNotAllowed("timp", ["GET", "POST"]);
export { others as PUT, others as PATCH, others as DELETE };
