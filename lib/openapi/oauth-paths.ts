import { z } from "zod";
import * as out from "../schemas/responses";
import { form, oauthErrors, response } from "./shared";

const tokenForm = z.object({
  grant_type: z.enum(["authorization_code", "refresh_token", "client_credentials"]),
  code: z.string().optional(),
  redirect_uri: z.string().optional(),
  code_verifier: z.string().optional(),
  refresh_token: z.string().optional(),
  scope: z.string().optional(),
  client_id: z.string().optional(),
  client_secret: z.string().optional(),
});
const tokenOnlyForm = z.object({ token: z.string(), token_type_hint: z.string().optional(), client_id: z.string().optional(), client_secret: z.string().optional() });

/** The OAuth 2 authorization server's endpoints. */
export const oauthPaths = {
        "/api/oauth/authorize": {
          get: {
            operationId: "authorize",
            tags: ["OAuth"],
            summary: "Authorization request (code flow, PKCE S256 required). Redirects to sign-in or consent; a bad client or redirect URI is an HTML error page.",
            requestParams: {
              query: z.object({
                response_type: z.literal("code"),
                client_id: z.string(),
                redirect_uri: z.string(),
                scope: z.string().optional(),
                state: z.string().optional(),
                code_challenge: z.string(),
                code_challenge_method: z.literal("S256"),
              }),
            },
            responses: { "303": response("To sign-in, consent, or the client's redirect URI with an error."), "400": { description: "Error page (HTML).", content: { "text/html": { schema: z.string() } } }, "405": response("Wrong verb.") },
          },
          post: {
            operationId: "authorizeDecision",
            tags: ["OAuth"],
            summary: "The consent page's answer (session cookie, same origin).",
            requestBody: form(z.object({ decision: z.enum(["allow", "deny"]), client_id: z.string(), redirect_uri: z.string(), code_challenge: z.string(), code_challenge_method: z.literal("S256") })),
            responses: { "303": response("To the client's redirect URI with `code` or `error`."), "400": { description: "Error page (HTML).", content: { "text/html": { schema: z.string() } } }, "401": { description: "Signed out (HTML).", content: { "text/html": { schema: z.string() } } }, "403": response("Another origin.", out.requestsErrorSchema) },
          },
        },
        "/api/oauth/token": {
          post: {
            operationId: "token",
            tags: ["OAuth"],
            summary: "authorization_code, refresh_token (rotating) or client_credentials. Client auth: HTTP Basic or form.",
            requestBody: form(tokenForm),
            responses: { "200": response("Tokens (`Cache-Control: no-store`).", out.tokenResponseSchema), ...oauthErrors },
          },
        },
        "/api/oauth/revoke": {
          post: {
            operationId: "revoke",
            tags: ["OAuth"],
            summary: "RFC 7009: 200 even for unknown tokens.",
            requestBody: form(tokenOnlyForm),
            responses: { "200": response("Revoked, or nothing to revoke.", z.object({})), ...oauthErrors },
          },
        },
        "/api/oauth/introspect": {
          post: {
            operationId: "introspect",
            tags: ["OAuth"],
            summary: "RFC 7662, for confidential clients about their own tokens.",
            requestBody: form(tokenOnlyForm),
            responses: { "200": response("What the token is.", out.introspectionSchema, { active: false }), ...oauthErrors },
          },
        },
        "/.well-known/oauth-authorization-server": {
          get: { operationId: "oauthMetadata", tags: ["OAuth"], summary: "RFC 8414 metadata.", responses: { "200": response("Metadata.", z.record(z.string(), z.unknown())) } },
        },
};
