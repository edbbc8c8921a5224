import { createDocument } from "zod-openapi";
import { oauthPaths } from "./oauth-paths";
import { operationsPaths } from "./operations-paths";
import { requestsPaths } from "./requests-paths";
import { bothForms } from "./shared";
import { timpPaths } from "./timp-paths";
import { timpReviewPaths } from "./timp-review-paths";
import { webhookPaths } from "./webhook-paths";

/**
 * The OpenAPI 3.1 document, generated from the schemas the routes validate with and the response
 * schemas their DTOs are typed by. Served at /api/openapi.json and rendered at /docs.
 */
export function buildOpenApiDocument(serverUrl = "/") {
  return createDocument(
    {
      openapi: "3.1.0",
      info: {
        title: "Crux Requests Portal API",
        version: "1.0.0",
        description:
          "Connection requests (drop-in for the Crux TIMP Discovery API: use `<origin>/api` as the base URL) and data requests (OAuth 2 bearer tokens).",
      },
      servers: [{ url: serverUrl }],
      components: {
        securitySchemes: {
          TokenAuth: { type: "apiKey", in: "header", name: "Authorization", description: "`Token <auth_token>` from user-login or the settings page." },
          MetricsToken: { type: "http", scheme: "bearer", description: "The deployment's METRICS_TOKEN." },
          SessionCookie: { type: "apiKey", in: "cookie", name: "next-auth.session-token", description: "The portal's session; unsafe methods need the app's own Origin." },
          OAuth2: {
            type: "oauth2",
            flows: {
              authorizationCode: {
                authorizationUrl: "/api/oauth/authorize",
                tokenUrl: "/api/oauth/token",
                refreshUrl: "/api/oauth/token",
                scopes: { "requests:read": "Read your data requests", "requests:write": "File and cancel data requests" },
              },
            },
            description: "Authorization code with PKCE (S256 required).",
          },
        },
      },
      paths: bothForms({
        ...timpPaths,
        ...timpReviewPaths,
        ...webhookPaths,
        ...requestsPaths,
        ...oauthPaths,
        ...operationsPaths,
      }),
    },
    { allowEmptySchema: { custom: true, unknown: true, pipe: true, transform: true } },
  );
}
