import { oauthCodeFor } from "../oauth/errors";
import { logger } from "../observability/logger";
import { AppError, isDatabaseUnavailable } from "./errors";

/**
 * Each API family speaks the error convention of the API it follows:
 * - timp: Django REST Framework, `{"detail": "..."}` or `{"<field>": ["..."]}`;
 * - requests: the seed's `{"error", "message"}`;
 * - oauth: RFC 6749 §5.2, `{"error", "error_description"}` (built by lib/oauth, which knows the codes);
 * - plain: `{"error", "message"}` for the app's own endpoints (health, docs).
 */
export type ApiFamily = "timp" | "requests" | "oauth" | "plain";

const requestsError: Record<number, string> = {
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  405: "Method Not Allowed",
  409: "Conflict",
  413: "Payload Too Large",
  415: "Unsupported Media Type",
  422: "Unprocessable Entity",
  429: "Too Many Requests",
  500: "Internal Server Error",
  503: "Service Unavailable",
};

const challenge: Record<ApiFamily, string> = {
  timp: "Token",
  requests: 'Bearer realm="requests"',
  oauth: 'Basic realm="oauth"',
  plain: "Token",
};

export function errorBody(family: ApiFamily, error: AppError): unknown {
  switch (family) {
    case "timp":
      return error.fieldErrors ?? { detail: error.message };
    case "oauth":
      return { error: oauthCodeFor(error), error_description: error.message };
    case "requests":
    case "plain":
      return {
        error: requestsError[error.status] ?? "Error",
        message: error.message,
        ...(error.fieldErrors ? { fields: error.fieldErrors } : {}),
      };
  }
}

export function presentError(family: ApiFamily, error: unknown, requestId?: string | null): Response {
  const appError = toAppError(error, requestId);
  const headers = new Headers({ "Cache-Control": "private, no-store" });
  if (appError.retryAfterSeconds !== undefined) headers.set("Retry-After", String(appError.retryAfterSeconds));
  for (const [name, value] of Object.entries(appError.headers ?? {})) headers.set(name, value);
  // RFC 7235: a 401 names the scheme that would work.
  if (appError.status === 401 && !headers.has("WWW-Authenticate")) headers.set("WWW-Authenticate", challenge[family]);
  // RFC 6749 §5.1: nothing from the token endpoints may be cached.
  if (family === "oauth") {
    headers.set("Cache-Control", "no-store");
    headers.set("Pragma", "no-cache");
  }
  return Response.json(errorBody(family, appError), { status: appError.status, headers });
}

/** Expected failures keep their message; anything else is logged and named by the request's id, for the person to quote. */
function toAppError(error: unknown, requestId?: string | null): AppError {
  if (error instanceof AppError) return error;
  if (isDatabaseUnavailable(error)) {
    return new AppError("unavailable", "The database is unavailable. Try again shortly.", { retryAfterSeconds: 5 });
  }
  logger().error({ requestId, err: error }, "unhandled error in route handler");
  return new AppError("internal", `Something went wrong on our side.${requestId ? ` Quote request id ${requestId} if you report it.` : ""}`);
}
