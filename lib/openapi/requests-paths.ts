import { z } from "zod";
import { createDataRequestSchema } from "../schemas/data-requests";
import * as out from "../schemas/responses";
import { bearer, json, requestsErrors, response, uuidParam } from "./shared";

/** The data-requests API (OAuth bearer tokens). */
export const requestsPaths = {
        "/api/requests": {
          get: {
            operationId: "listDataRequests",
            tags: ["Data requests"],
            summary: "The caller's active data requests, newest first.",
            security: bearer("requests:read"),
            responses: { "200": response("A bare array.", out.dataRequestListSchema), ...requestsErrors },
          },
          post: {
            operationId: "createDataRequest",
            tags: ["Data requests"],
            security: bearer("requests:write"),
            requestBody: json(createDataRequestSchema, { dataRequested: ["profile", "activity"] }),
            responses: {
              "201": response("Created (see `Location`).", out.dataRequestSchema),
              "400": response("Empty, duplicate or unknown data types; lists the valid ones.", out.requestsErrorSchema),
              "413": response("Body over 1 MiB.", out.requestsErrorSchema),
              "415": response("Body is not JSON.", out.requestsErrorSchema),
              "429": response("Too many open requests (see `Retry-After`).", out.requestsErrorSchema),
              ...requestsErrors,
            },
          },
        },
        "/api/requests/{requestId}": {
          get: {
            operationId: "getDataRequest",
            tags: ["Data requests"],
            security: bearer("requests:read"),
            requestParams: uuidParam("requestId"),
            responses: { "200": response("The request.", out.dataRequestSchema), "404": response("Unknown, or another person's.", out.requestsErrorSchema), ...requestsErrors },
          },
          delete: {
            operationId: "cancelDataRequest",
            tags: ["Data requests"],
            security: bearer("requests:write"),
            requestParams: uuidParam("requestId"),
            responses: {
              "204": response("Cancelled."),
              "404": response("Unknown, or another person's.", out.requestsErrorSchema),
              "409": response("Already completed.", out.requestsErrorSchema),
              ...requestsErrors,
            },
          },
        },
        "/api/requests/{requestId}/download": {
          get: {
            operationId: "downloadDataRequest",
            tags: ["Data requests"],
            security: bearer("requests:read"),
            requestParams: uuidParam("requestId"),
            responses: {
              "200": { description: "The ZIP archive.", content: { "application/zip": { schema: z.string().meta({ format: "binary" }) } } },
              "404": response("Unknown, or another person's.", out.requestsErrorSchema),
              "409": response("Not completed yet.", out.requestsErrorSchema),
              ...requestsErrors,
            },
          },
        },
        "/api/data-types": {
          get: {
            operationId: "listDataTypes",
            tags: ["Data requests"],
            security: bearer("requests:read"),
            responses: { "200": response("The catalogue.", out.dataTypeListSchema), ...requestsErrors },
          },
        },
};
