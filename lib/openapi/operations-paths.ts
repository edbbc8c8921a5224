import { z } from "zod";
import * as out from "../schemas/responses";
import { response } from "./shared";

/** Health, readiness, metrics, this document, and next-auth's session endpoints. */
export const operationsPaths = {
        "/api/ready": {
          get: {
            operationId: "ready",
            tags: ["Operations"],
            summary: "Readiness: whether this instance can serve (database reachable, every migration applied, not stopping).",
            responses: {
              "200": response("Ready.", out.readinessSchema),
              "503": response("Not ready, and why.", out.readinessSchema, { status: "not_ready", ready: false, reason: "migrations_pending" }),
            },
          },
        },
        "/api/metrics": {
          get: {
            operationId: "metrics",
            tags: ["Operations"],
            summary: "Prometheus metrics of the instance, summed across its processes. Needs METRICS_TOKEN as a bearer token.",
            security: [{ MetricsToken: [] }],
            responses: {
              "200": { description: "Prometheus text format 0.0.4.", content: { "text/plain": { schema: z.string() } } },
              "401": response("Missing or wrong token.", out.requestsErrorSchema, { error: "Unauthorized", message: "Send Authorization: Bearer <METRICS_TOKEN>." }),
              "404": response("Metrics are off: METRICS_TOKEN is not set.", out.requestsErrorSchema),
            },
          },
        },
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
