import { apiRoute, json, methodNotAllowed } from "@/lib/http/route";
import { authenticateTokenRequest, noStore } from "@/lib/oauth/endpoint";
import { OAuthError } from "@/lib/oauth/errors";
import { introspectToken } from "@/lib/oauth/tokens";

/** POST /oauth/introspect (RFC 7662): confidential clients ask about their own tokens. */
export const POST = apiRoute("oauth", async ({ request }) => {
  const { form, client } = await authenticateTokenRequest(request, { requireConfidential: true });
  const token = form.get("token");
  if (!token) throw new OAuthError("invalid_request", "token is required.");
  return json(await introspectToken(client, token), { headers: noStore });
});

const others = methodNotAllowed("oauth", ["POST"]);
export { others as GET, others as PUT, others as PATCH, others as DELETE };
