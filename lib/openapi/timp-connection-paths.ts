import { z } from "zod";
import { listConnectionRequestsQuerySchema } from "../schemas/connection-requests";
import { connectionReasonSchema, moveFeedSchema, updateConnectionSchema } from "../schemas/connections";
import * as out from "../schemas/responses";
import { json, response, timpErrors, timpSecurity, uuidParam } from "./shared";

const base = "/api/timp/organizations/connections";

const notVisible = response("Unknown, or not one of the caller's organization's connections.", out.timpErrorSchema, { detail: "Not found." });
const connection = (description: string) => response(description, out.connectionSchema);

/** A transition's 200, its refusals and its 409 naming the state the connection is in. */
function transition(operationId: string, summary: string, refusal: string, conflict: string, body?: z.ZodType) {
  return {
    post: {
      operationId,
      tags: ["TIMP"],
      summary,
      security: timpSecurity,
      requestParams: uuidParam("uuid"),
      ...(body ? { requestBody: json(body, { reason: "We do not stock this retailer's lines any more." }) } : {}),
      responses: {
        "200": connection("The connection as it is now."),
        ...(body ? { "400": response("Missing or too long reason.", out.timpErrorSchema, { reason: ["This field is required."] }) } : {}),
        "403": response("The caller can see the connection but not do this.", out.timpErrorSchema, { detail: refusal }),
        "404": notVisible,
        "409": response("Not in a state this applies to.", out.timpErrorSchema, { detail: conflict }),
        ...timpErrors,
      },
    },
  };
}

/** The connections approvals create, as the mirrored API lists them, and what each side does with them. */
export const timpConnectionPaths = {
  [base]: {
    get: {
      operationId: "listConnections",
      tags: ["TIMP"],
      summary: "The caller's organization's connections (retailer or supplier side; admins: all), newest first: a bare array, as the mirrored API answers.",
      security: timpSecurity,
      requestParams: { query: listConnectionRequestsQuerySchema.pick({ limit: true, start: true }) },
      responses: { "200": response("A page of connections.", out.connectionListSchema), "400": response("A parameter is invalid.", out.timpErrorSchema), ...timpErrors },
    },
  },
  [`${base}/{uuid}`]: {
    get: {
      operationId: "getConnection",
      tags: ["TIMP"],
      security: timpSecurity,
      requestParams: uuidParam("uuid"),
      responses: { "200": connection("The connection."), "404": notVisible, ...timpErrors },
    },
    patch: {
      operationId: "updateConnection",
      tags: ["TIMP"],
      summary: "Set your side's account number for the other: suppliers `suppliers_retailer_account_number`, retailers `retailers_supplier_account_number`.",
      security: timpSecurity,
      requestParams: uuidParam("uuid"),
      requestBody: json(updateConnectionSchema, { retailers_supplier_account_number: "SUP-0042" }),
      responses: {
        "200": connection("The connection as it is now."),
        "400": response("An unknown field, or nothing to set.", out.timpErrorSchema, { detail: "Unknown field(s): status." }),
        "403": response("The other side's field.", out.timpErrorSchema, { detail: "Only the supplier's members can set suppliers_retailer_account_number." }),
        "404": notVisible,
        "409": response("The connection is deactivated.", out.timpErrorSchema),
        ...timpErrors,
      },
    },
  },
  [`${base}/{uuid}/confirm`]: transition(
    "confirmConnection",
    "The supplier's members confirm a waiting connection: it becomes ACTIVE.",
    "Only the supplier's members can confirm a connection.",
    "This connection is ACTIVE; it can only be confirmed while CONFIRMATION WAITING.",
  ),
  [`${base}/{uuid}/decline`]: transition(
    "declineConnection",
    "The supplier's members decline a waiting connection, with a reason: it becomes DEACTIVATED.",
    "Only the supplier's members can decline a connection.",
    "This connection is ACTIVE; it can only be declined while CONFIRMATION WAITING.",
    connectionReasonSchema,
  ),
  [`${base}/{uuid}/deactivate`]: transition(
    "deactivateConnection",
    "Either organization's members or an admin end a connection, with a reason. Final.",
    "Only the connection's organizations and admins can deactivate it.",
    "This connection is DEACTIVATED; it can only be deactivated while CONFIRMATION WAITING or ACTIVE.",
    connectionReasonSchema,
  ),
  [`${base}/{uuid}/integrations/{integration_uuid}`]: {
    patch: {
      operationId: "moveConnectionFeed",
      tags: ["TIMP"],
      summary: "Move a feed of an ACTIVE connection: setup → testing → live (one step forward, any back), or paused from and to any phase.",
      security: timpSecurity,
      requestParams: { path: z.object({ uuid: z.string().meta({ format: "uuid" }), integration_uuid: z.string().meta({ format: "uuid" }) }) },
      requestBody: json(moveFeedSchema, { phase: "testing", note: "First file received." }),
      responses: {
        "200": connection("The connection, with the feed moved."),
        "400": response("Unknown phase, or a note over 2000 characters.", out.timpErrorSchema, { phase: ['"done" is not a valid choice. Choose one of: setup, testing, live, paused.'] }),
        "404": notVisible,
        "409": response("The connection is not ACTIVE, or the feed cannot move there from its phase.", out.timpErrorSchema, { detail: "This connection is CONFIRMATION WAITING; only an ACTIVE connection's feeds move." }),
        ...timpErrors,
      },
    },
  },
};
