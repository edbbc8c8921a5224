import "server-only";
import type { Actor } from "../auth/actor";
import { actorFromRequestCookie } from "../auth/session";
import { AppError } from "./errors";
import { apiRoute, type RouteContext } from "./route";

/** A portal route handler (downloads): the browser session only, GET only (no CSRF surface). */
export function sessionRoute<Params>(handler: (context: RouteContext<Params> & { actor: Actor }) => Promise<Response>) {
  return apiRoute<Params>("plain", async (context) => {
    const actor = await actorFromRequestCookie(context.request);
    if (!actor) throw new AppError("unauthenticated", "Sign in to download this.");
    return handler({ ...context, actor });
  });
}
