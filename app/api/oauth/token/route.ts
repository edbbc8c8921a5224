import { apiRoute, json, methodNotAllowed } from "@/lib/http/route";
import { authenticateTokenRequest, noStore } from "@/lib/oauth/endpoint";
import { OAuthError } from "@/lib/oauth/errors";
import { clientCredentialsToken, exchangeAuthorizationCode, refreshAccessToken } from "@/lib/oauth/tokens";

/** POST /oauth/token (RFC 6749 §3.2): authorization_code, refresh_token, client_credentials. */
export const POST = apiRoute("oauth", async ({ request }) => {
  const { form, client } = await authenticateTokenRequest(request);
  const grantType = form.get("grant_type");
  const tokens =
    grantType === "authorization_code"
      ? await exchangeAuthorizationCode(client, form)
      : grantType === "refresh_token"
        ? await refreshAccessToken(client, form)
        : grantType === "client_credentials"
          ? await clientCredentialsToken(client, form)
          : // The implicit and password grants are deliberately absent (RFC 9700 §2.1.2, §2.4).
            Promise.reject(new OAuthError("unsupported_grant_type", `grant_type "${grantType ?? ""}" is not supported.`));
  return json(await tokens, { headers: noStore });
});

const others = methodNotAllowed("oauth", ["POST"]);
export { others as GET, others as PUT, others as PATCH, others as DELETE };
