import { listDataTypes } from "@/lib/data-requests/requests";
import { requestsRoute } from "@/lib/http/requests-route";
import { json, methodNotAllowed } from "@/lib/http/route";

/** GET /data-types: the catalogue of data types a request can ask for. */
export const GET = requestsRoute("requests:read", async () => json(await listDataTypes()));

const others = methodNotAllowed("requests", ["GET"]);
export { others as POST, others as PUT, others as PATCH, others as DELETE };
