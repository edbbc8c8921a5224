import "server-only";
import { authenticateBearer, type BearerCaller, type Scope } from "../auth/bearer";
import { apiRoute, type RouteContext } from "./route";

/** A `/requests` route: OAuth bearer token with `scope`, errors in the seed's `{"error", "message"}`. */
export function requestsRoute<Params = Record<string, never>>(
  scope: Scope,
  handler: (context: RouteContext<Params> & { caller: BearerCaller }) => Promise<Response>,
) {
  return apiRoute<Params>("requests", async (context) =>
    handler({ ...context, caller: await authenticateBearer(context.request, scope) }),
  );
}
