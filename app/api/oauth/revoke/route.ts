import { apiRoute, json, methodNotAllowed } from "@/lib/http/route";
import { authenticateTokenRequest, noStore } from "@/lib/oauth/endpoint";
import { OAuthError } from "@/lib/oauth/errors";
import { revokeToken } from "@/lib/oauth/tokens";

/** POST /oauth/revoke (RFC 7009): 200 whether or not the token was known. */
export const POST = apiRoute("oauth", async ({ request }) => {
  const { form, client } = await authenticateTokenRequest(request);
  const token = form.get("token");
  if (!token) throw new OAuthError("invalid_request", "token is required.");
  await revokeToken(client, token);
  return json({}, { headers: noStore });
});

const others = methodNotAllowed("oauth", ["POST"]);
export { others as GET, others as PUT, others as PATCH, others as DELETE };
