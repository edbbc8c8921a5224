import { requestChangesSchema } from "../schemas/connection-requests";
import * as out from "../schemas/responses";
import { json, response, timpErrors, timpSecurity, uuidParam } from "./shared";

const request = "/api/timp/organizations/connections/request/{uuid}";

/** The review loop of ours beside the mirrored API: changes requested, resubmission, history. */
export const timpReviewPaths = {
  [`${request}/request-changes`]: {
    post: {
      operationId: "requestChanges",
      tags: ["TIMP"],
      summary: "Send a pending request back to its requester with what to change (admins); status becomes `changes_requested`.",
      security: timpSecurity,
      requestParams: uuidParam("uuid"),
      requestBody: json(requestChangesSchema, { message: "Add the supplier's account number." }),
      responses: {
        "204": response("Sent back."),
        "400": response("Missing message.", out.timpErrorSchema, { message: ["This field is required."] }),
        "403": response("Not an admin.", out.timpErrorSchema, { detail: "Only platform admins can approve, reject or send back connection requests." }),
        "404": response("Unknown request.", out.timpErrorSchema),
        "422": response("Not pending.", out.timpErrorSchema, { detail: "Changes were already requested for this request." }),
        ...timpErrors,
      },
    },
  },
  [`${request}/resubmit`]: {
    post: {
      operationId: "resubmitConnectionRequest",
      tags: ["TIMP"],
      summary: "Send a request back for review after editing it (members of the requesting organization); status becomes `pending`.",
      security: timpSecurity,
      requestParams: uuidParam("uuid"),
      responses: {
        "204": response("Resubmitted."),
        "403": response("An admin, or not a member of an organization.", out.timpErrorSchema),
        "404": response("Unknown, or another organization's.", out.timpErrorSchema),
        "422": response("No changes were requested.", out.timpErrorSchema, {
          detail: "This request is pending already: only a request sent back for changes can be resubmitted.",
        }),
        ...timpErrors,
      },
    },
  },
  [`${request}/history`]: {
    get: {
      operationId: "connectionRequestHistory",
      tags: ["TIMP"],
      summary: "Every state change of the request, oldest first (members of the requesting organization and admins).",
      security: timpSecurity,
      requestParams: uuidParam("uuid"),
      responses: {
        "200": response("The history.", out.historySchema),
        "404": response("Unknown, or another organization's.", out.timpErrorSchema),
        ...timpErrors,
      },
    },
  },
};
