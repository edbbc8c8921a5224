import { actorFromRequestCookie, assertSameOrigin } from "@/lib/auth/session";
import { readFormBody } from "@/lib/http/body";
import { apiRoute, methodNotAllowed } from "@/lib/http/route";
import { searchParamsObject } from "@/lib/http/validate";
import { approveAuthorization, checkAuthorizationRequest, denyAuthorization } from "@/lib/oauth/authorize";
import { oauthErrorPage, seeOther } from "@/lib/oauth/pages";
import { authorizationRequestSchema } from "@/lib/schemas/oauth";

/**
 * GET /oauth/authorize: checks the client and its exact redirect URI first (a mismatch is an
 * error page, never a redirect), sends an unauthenticated person to sign in and back, then to the
 * consent page. Unknown parameters are ignored.
 */
export const GET = apiRoute("plain", async ({ request }) => {
  const parsed = authorizationRequestSchema.safeParse(searchParamsObject(request.nextUrl.searchParams));
  if (!parsed.success) return oauthErrorPage("The authorization request is malformed.");
  const check = await checkAuthorizationRequest(parsed.data);
  if (!check.ok) return check.redirectTo ? seeOther(check.redirectTo) : oauthErrorPage(check.message);
  const here = `${request.nextUrl.pathname}${request.nextUrl.search}`;
  if (!(await actorFromRequestCookie(request))) return seeOther(`/signin?callbackUrl=${encodeURIComponent(here)}`);
  return seeOther(`/oauth/consent${request.nextUrl.search}`);
});

/** POST /oauth/authorize: the consent form's answer (Allow or Deny), from this app's own page. */
export const POST = apiRoute("plain", async ({ request }) => {
  assertSameOrigin(request);
  const actor = await actorFromRequestCookie(request);
  if (!actor) return oauthErrorPage("Your session has ended. Sign in and try again.", 401);
  const form = await readFormBody(request);
  const parsed = authorizationRequestSchema.safeParse(searchParamsObject(form));
  if (!parsed.success) return oauthErrorPage("The authorization request is malformed.");
  const check = await checkAuthorizationRequest(parsed.data);
  if (!check.ok) return check.redirectTo ? seeOther(check.redirectTo) : oauthErrorPage(check.message);
  if (form.get("decision") !== "allow") return seeOther(denyAuthorization(check));
  return seeOther(await approveAuthorization(actor.userId, check));
});

const others = methodNotAllowed("plain", ["GET", "POST"]);
export { others as PUT, others as PATCH, others as DELETE };
