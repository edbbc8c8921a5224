import { z } from "zod";
import * as out from "../schemas/responses";
import { response } from "./shared";

/** Health, this document, and next-auth's session endpoints. */
export const operationsPaths = {
        "/api/health": {
          get: {
            operationId: "health",
            tags: ["Operations"],
            responses: { "200": response("The app and its database answer.", out.healthSchema), "503": response("The database cannot be reached.", out.healthSchema, { status: "unavailable", database: "postgres" }) },
          },
        },
        "/api/openapi.json": {
          get: { operationId: "openapi", tags: ["Operations"], summary: "This document.", responses: { "200": response("OpenAPI 3.1.", z.record(z.string(), z.unknown())) } },
        },
        "/api/auth/{nextauth}": {
          get: {
            operationId: "sessionAuthGet",
            tags: ["Portal sessions"],
            summary: "next-auth's endpoints for the portal's browser sessions (session, csrf, providers, signout).",
            requestParams: { path: z.object({ nextauth: z.string() }) },
            responses: { "200": response("next-auth's answer.", z.record(z.string(), z.unknown())) },
          },
          post: {
            operationId: "sessionAuthPost",
            tags: ["Portal sessions"],
            summary: "next-auth's sign-in (credentials callback) and sign-out, with its CSRF token.",
            requestParams: { path: z.object({ nextauth: z.string() }) },
            responses: { "200": response("next-auth's answer.", z.record(z.string(), z.unknown())), "302": response("Redirect after sign-in or sign-out.") },
          },
        },
};
