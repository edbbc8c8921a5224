import { appUrl } from "@/lib/env";
import { apiRoute, json } from "@/lib/http/route";
import { oauthScopes } from "@/lib/schemas/oauth";

/** RFC 8414 metadata. Only what is supported is advertised: no implicit, no password, S256 only. */
export const GET = apiRoute("plain", async () => {
  const issuer = new URL(appUrl()).origin;
  return json(
    {
      issuer,
      authorization_endpoint: `${issuer}/api/oauth/authorize`,
      token_endpoint: `${issuer}/api/oauth/token`,
      revocation_endpoint: `${issuer}/api/oauth/revoke`,
      introspection_endpoint: `${issuer}/api/oauth/introspect`,
      scopes_supported: oauthScopes,
      response_types_supported: ["code"],
      response_modes_supported: ["query"],
      grant_types_supported: ["authorization_code", "refresh_token", "client_credentials"],
      code_challenge_methods_supported: ["S256"],
      token_endpoint_auth_methods_supported: ["client_secret_basic", "client_secret_post", "none"],
      revocation_endpoint_auth_methods_supported: ["client_secret_basic", "client_secret_post", "none"],
      introspection_endpoint_auth_methods_supported: ["client_secret_basic", "client_secret_post"],
    },
    { headers: { "Cache-Control": "public, max-age=3600" } },
  );
});
