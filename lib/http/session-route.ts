import "server-only";
import type { Actor } from "../auth/actor";
import { sessionCookieName } from "../auth/options";
import { sessionIdFromCookie } from "../auth/session";
import { actorForSession } from "../auth/sessions";
import { AppError } from "./errors";
import { apiRoute, type RouteContext } from "./route";

/** A portal route handler (downloads): the browser session only, GET only (no CSRF surface). */
export function sessionRoute<Params>(handler: (context: RouteContext<Params> & { actor: Actor }) => Promise<Response>) {
  return apiRoute<Params>("plain", async (context) => {
    const sessionId = await sessionIdFromCookie(context.request.cookies.get(sessionCookieName())?.value);
    const actor = sessionId ? await actorForSession(sessionId) : null;
    if (!actor) throw new AppError("unauthenticated", "Sign in to download this.");
    return handler({ ...context, actor });
  });
}
