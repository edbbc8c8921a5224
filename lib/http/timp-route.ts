import "server-only";
import type { Actor } from "../auth/actor";
import { authenticateTimp } from "../auth/timp";
import { apiRoute, type RouteContext } from "./route";

/** A TIMP route: Token or session-cookie authentication, DRF-style errors. */
export function timpRoute<Params = Record<string, never>>(
  handler: (context: RouteContext<Params> & { actor: Actor }) => Promise<Response>,
) {
  return apiRoute<Params>("timp", async (context) => handler({ ...context, actor: await authenticateTimp(context.request) }));
}
