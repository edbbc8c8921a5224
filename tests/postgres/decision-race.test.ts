import { describe, expect, it } from "vitest";
import { PATCH } from "@/app/api/timp/organizations/connections/request/[uuid]/route";
import { decideConnectionRequest } from "@/lib/connection-requests/decisions";
import { actorForApiToken } from "@/lib/auth/api-tokens";
import { db } from "@/lib/db/client";
import { jsonHeaders, person } from "@/tests/support/fixtures";
import { callRoute } from "@/tests/support/route";

async function setup() {
  const retailer = await person();
  const admins = await Promise.all([person({ admin: true }), person({ admin: true })]);
  const actors = await Promise.all(admins.map((admin) => actorForApiToken(admin.token)));
  const request = await db.connectionRequest.create({
    data: { organizationId: retailer.organizationId!, requestedById: retailer.id, supplierName: "Race Supply", contactFullName: "R" },
  });
  return { retailer, actors: actors.map((actor) => actor!), request };
}

describe("deciding concurrently (PostgreSQL)", () => {
  it("50 parallel approvals by two admins: exactly one succeeds, one audit entry, one connection", async () => {
    const { actors, request } = await setup();
    const outcomes = await Promise.allSettled(
      Array.from({ length: 50 }, (_, index) => decideConnectionRequest(actors[index % 2]!, request.id, { kind: "approve" })),
    );
    const succeeded = outcomes.filter((outcome) => outcome.status === "fulfilled");
    const refused = outcomes.filter((outcome): outcome is PromiseRejectedResult => outcome.status === "rejected");
    expect(succeeded).toHaveLength(1);
    expect(refused.every((outcome) => outcome.reason.status === 422)).toBe(true);
    expect(await db.auditEvent.count({ where: { targetId: request.id } })).toBe(1);
    expect(await db.connection.count({ where: { connectionRequestId: request.id } })).toBe(1);
  });

  it("approve against reject against edit: one decision wins and the final state is a serial one", async () => {
    const { retailer, actors, request } = await setup();
    const [approveResult, rejectResult, editResult] = await Promise.allSettled([
      decideConnectionRequest(actors[0]!, request.id, { kind: "approve" }),
      decideConnectionRequest(actors[1]!, request.id, { kind: "reject", reason: "race" }),
      callRoute(
        PATCH,
        `/api/timp/organizations/connections/request/${request.id}/`,
        { method: "PATCH", headers: jsonHeaders(retailer.auth), body: JSON.stringify({ organization_name: "Edited" }) },
        { uuid: request.id },
      ),
    ]);
    const decisions = [approveResult, rejectResult].filter((result) => result.status === "fulfilled");
    expect(decisions).toHaveLength(1);
    const final = await db.connectionRequest.findUniqueOrThrow({ where: { id: request.id } });
    expect(final.status).toBe(approveResult.status === "fulfilled" ? "approved" : "rejected");
    expect(await db.connection.count({ where: { connectionRequestId: request.id } })).toBe(final.status === "approved" ? 1 : 0);
    const editStatus = editResult.status === "fulfilled" ? editResult.value.status : 500;
    expect([204, 422]).toContain(editStatus);
    // An edit either landed before the decision (204) or was refused after it (422), never after.
    expect(final.supplierName).toBe(editStatus === 204 ? "Edited" : "Race Supply");
  });

  it("request changes against approve against reject: one move wins, and the history records exactly it", async () => {
    const { actors, request } = await setup();
    const outcomes = await Promise.allSettled([
      decideConnectionRequest(actors[0]!, request.id, { kind: "request_changes", message: "race" }),
      decideConnectionRequest(actors[1]!, request.id, { kind: "approve" }),
      decideConnectionRequest(actors[0]!, request.id, { kind: "reject", reason: "race" }),
    ]);
    const final = await db.connectionRequest.findUniqueOrThrow({ where: { id: request.id } });
    const events = await db.event.findMany({ where: { connectionRequestId: request.id }, orderBy: { sequence: "asc" } });
    // Reject may follow a change request (both can succeed, in that order); nothing else combines.
    const won = outcomes.filter((outcome) => outcome.status === "fulfilled").length;
    expect(events.map((event) => event.toState).at(-1)).toBe(final.status);
    expect(events).toHaveLength(won);
    expect(won === 1 || events.map((event) => event.type).join() === "connection_request.changes_requested,connection_request.rejected").toBe(true);
  });

  it("a resubmission against a rejection while changes are awaited: the final state is the last event's", async () => {
    const { retailer, actors, request } = await setup();
    await decideConnectionRequest(actors[0]!, request.id, { kind: "request_changes", message: "fix it" });
    const { resubmitConnectionRequest } = await import("@/lib/connection-requests/commands");
    const requester = (await actorForApiToken(retailer.token))!;
    await Promise.allSettled([resubmitConnectionRequest(requester, request.id), decideConnectionRequest(actors[1]!, request.id, { kind: "reject", reason: "no" })]);
    const final = await db.connectionRequest.findUniqueOrThrow({ where: { id: request.id } });
    const events = await db.event.findMany({ where: { connectionRequestId: request.id }, orderBy: { sequence: "asc" } });
    expect(events.at(-1)!.toState).toBe(final.status);
    expect(["pending", "rejected"]).toContain(final.status);
  });
});
