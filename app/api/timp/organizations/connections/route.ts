import { listConnections } from "@/lib/connections/queries";
import { json, methodNotAllowed } from "@/lib/http/route";
import { timpRoute } from "@/lib/http/timp-route";
import { parseInput, searchParamsObject } from "@/lib/http/validate";
import { listConnectionRequestsQuerySchema } from "@/lib/schemas/connection-requests";

const pageQuery = listConnectionRequestsQuerySchema.pick({ limit: true, start: true });

/** GET /timp/organizations/connections/: the caller's connections as the docs' bare array, newest first. */
export const GET = timpRoute(async ({ request, actor }) => {
  const query = parseInput(pageQuery, searchParamsObject(request.nextUrl.searchParams));
  return json(await listConnections(actor, query));
});

const others = methodNotAllowed("timp", ["GET"]);
export { others as POST, others as PUT, others as PATCH, others as DELETE };
