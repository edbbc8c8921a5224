import { submitConnectionRequest } from "@/lib/connection-requests/commands";
import { authenticateTimp, timpToken } from "@/lib/auth/timp";
import { listConnectionRequestsJson, listPageJsonForToken } from "@/lib/connection-requests/queries";
import { readJsonBody } from "@/lib/http/body";
import { apiRoute, json, jsonText, methodNotAllowed } from "@/lib/http/route";
import { timpRoute } from "@/lib/http/timp-route";
import { parseInput, searchParamsObject } from "@/lib/http/validate";
import { fingerprint } from "@/lib/idempotency";
import { createConnectionRequestSchema, listConnectionRequestsQuerySchema } from "@/lib/schemas/connection-requests";

/**
 * GET /timp/organizations/connections/request/: the organization's requests (admins: all). An
 * unfiltered page with a TIMP token, what sync clients poll, is one statement whose JSON text is
 * the answer; a refused query answers as before, after authentication.
 */
export const GET = apiRoute("timp", async ({ request }) => {
  const token = timpToken(request);
  const params = searchParamsObject(request.nextUrl.searchParams);
  const parsed = listConnectionRequestsQuerySchema.safeParse(params);
  if (token !== null && parsed.success && !parsed.data.status && !parsed.data.q) return jsonText(await listPageJsonForToken(token, parsed.data));
  const actor = await authenticateTimp(request);
  return jsonText(await listConnectionRequestsJson(actor, parsed.success ? parsed.data : parseInput(listConnectionRequestsQuerySchema, params)));
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
