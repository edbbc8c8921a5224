import { AppError, type ErrorCode } from "../http/errors";

/** RFC 6749 §5.2 error codes, each with the status it is sent with. */
const oauthErrors = {
  invalid_request: ["bad_request", 400],
  invalid_client: ["unauthenticated", 401],
  invalid_grant: ["bad_request", 400],
  unauthorized_client: ["bad_request", 400],
  unsupported_grant_type: ["bad_request", 400],
  invalid_scope: ["bad_request", 400],
  access_denied: ["forbidden", 403],
} as const satisfies Record<string, [ErrorCode, number]>;

export type OAuthErrorCode = keyof typeof oauthErrors;

export class OAuthError extends AppError {
  constructor(
    readonly oauthCode: OAuthErrorCode,
    description: string,
    options: { headers?: Record<string, string> } = {},
  ) {
    super(oauthErrors[oauthCode][0], description, options);
  }
}

/** Any other failure on an OAuth endpoint, in RFC 6749's vocabulary. */
export function oauthCodeFor(error: AppError): string {
  if (error instanceof OAuthError) return error.oauthCode;
  if (error.code === "rate_limited") return "slow_down";
  if (error.status >= 500) return "server_error";
  return "invalid_request";
}
