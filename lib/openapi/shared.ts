import { z } from "zod";
import type { ZodOpenApiOperationObject, ZodOpenApiPathsObject } from "zod-openapi";
import * as out from "../schemas/responses";

/** Small builders shared by the path modules of the OpenAPI document. */
export const json = (schema: z.ZodType, example?: unknown) => ({ content: { "application/json": { schema, ...(example ? { example } : {}) } } });
export const response = (description: string, schema?: z.ZodType, example?: unknown) => ({ description, ...(schema ? json(schema, example) : {}) });

export const timpErrors = {
  "401": response("Credentials missing or wrong.", out.timpErrorSchema, { detail: "Authentication credentials were not provided." }),
  "405": response("Wrong HTTP verb (see `Allow`).", out.timpErrorSchema, { detail: 'Method "DELETE" not allowed.' }),
  "503": response("The database cannot be reached.", out.timpErrorSchema, { detail: "The database is unavailable. Try again shortly." }),
};
export const requestsErrors = {
  "401": response("No valid bearer token.", out.requestsErrorSchema, out.unauthorizedExample),
  "403": response("The token lacks the scope, or acts for no person.", out.requestsErrorSchema, { error: "Forbidden", message: 'This token lacks the "requests:write" scope.' }),
  "405": response("Wrong HTTP verb (see `Allow`).", out.requestsErrorSchema),
  "503": response("The database cannot be reached.", out.requestsErrorSchema),
};
export const oauthErrors = {
  "400": response("RFC 6749 error (invalid_request, invalid_grant, invalid_scope, unsupported_grant_type, unauthorized_client).", out.oauthErrorSchema, { error: "invalid_grant", error_description: "The code has expired." }),
  "401": response("invalid_client (with `WWW-Authenticate: Basic` when Basic was used).", out.oauthErrorSchema, { error: "invalid_client", error_description: "Unknown client or wrong secret." }),
  "405": response("Wrong HTTP verb.", out.oauthErrorSchema),
  "429": response("Too many requests (see `Retry-After`).", out.oauthErrorSchema),
};
export const timpSecurity: Record<string, string[]>[] = [{ TokenAuth: [] }, { SessionCookie: [] }];
export const bearer = (scope: string) => [{ OAuth2: [scope] }];
export const uuidParam = (name: string) => ({ path: z.object({ [name]: z.string().meta({ format: "uuid" }) }) });
export const form = (schema: z.ZodType) => ({ content: { "application/x-www-form-urlencoded": { schema } } });

/** Every API path answers with and without a trailing slash; both are listed, as served. */
export function bothForms(paths: Record<string, Record<string, ZodOpenApiOperationObject>>): ZodOpenApiPathsObject {
  const result: ZodOpenApiPathsObject = {};
  for (const [path, operations] of Object.entries(paths)) {
    result[path] = operations;
    result[`${path}/`] = Object.fromEntries(
      Object.entries(operations).map(([method, operation]) => [method, { ...operation, operationId: `${operation.operationId}WithSlash` }]),
    );
  }
  return result;
}

