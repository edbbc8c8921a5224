import { z } from "zod";
import { nullCharacterMessage, withoutNullCharacters } from "./fields";

export const oauthScopes = ["requests:read", "requests:write"] as const;

const loopbackHosts = new Set(["localhost", "127.0.0.1", "[::1]"]);

/** RFC 8252 §7.3 and RFC 9700 §2.1: https, or http on loopback only; exact; no fragment. */
export function redirectUriProblem(value: string): string | null {
  if (!URL.canParse(value)) return `"${value}" is not a URL.`;
  const url = new URL(value);
  if (url.hash || value.includes("#")) return `"${value}" must not contain a fragment.`;
  if (url.protocol === "https:") return null;
  if (url.protocol === "http:" && loopbackHosts.has(url.hostname)) return null;
  return `"${value}" must use https (http is allowed only for localhost).`;
}

export const registerOAuthClientSchema = z.object({
  name: z.string().trim().min(1, "Give the app a name.").max(100, "At most 100 characters.").refine(withoutNullCharacters, nullCharacterMessage),
  type: z.enum(["confidential", "public"], { error: "Choose confidential or public." }),
  redirectUris: z
    .string()
    .transform((value) => value.split(/\s+/).filter(Boolean))
    .pipe(
      z
        .array(z.string().max(2000))
        .min(1, "Give at least one redirect URI.")
        .max(10, "At most 10 redirect URIs.")
        .superRefine((uris, ctx) => {
          for (const uri of uris) {
            const problem = redirectUriProblem(uri);
            if (problem) ctx.addIssue({ code: "custom", message: problem });
          }
        }),
    ),
});

/** The parameters of an authorization request (RFC 6749 §4.1.1, RFC 7636 §4.3); others are ignored. */
export const authorizationRequestSchema = z.object({
  response_type: z.string().optional(),
  client_id: z.string().max(200).optional(),
  redirect_uri: z.string().max(2000).optional(),
  scope: z.string().max(500).optional(),
  state: z.string().max(2000).optional(),
  code_challenge: z.string().max(200).optional(),
  code_challenge_method: z.string().max(20).optional(),
});
export type AuthorizationRequestParams = z.output<typeof authorizationRequestSchema>;

export function parseScope(scope: string | undefined): string[] {
  return [...new Set((scope ?? "").split(" ").filter(Boolean))];
}
