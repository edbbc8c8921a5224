import { describe, expect, it } from "vitest";
import { POST as approve } from "@/app/api/timp/organizations/connections/request/[uuid]/approve/route";
import { GET as history } from "@/app/api/timp/organizations/connections/request/[uuid]/history/route";
import { POST as reject } from "@/app/api/timp/organizations/connections/request/[uuid]/reject/route";
import { POST as resubmit } from "@/app/api/timp/organizations/connections/request/[uuid]/resubmit/route";
import { GET as detail, PATCH as patch } from "@/app/api/timp/organizations/connections/request/[uuid]/route";
import { POST as create } from "@/app/api/timp/organizations/connections/request/route";
import { db } from "@/lib/db/client";
import { jsonHeaders, person, validRequest, type Person } from "@/tests/support/fixtures";
import { callRoute } from "@/tests/support/route";
import { POST as requestChanges } from "@/app/api/timp/organizations/connections/request/[uuid]/request-changes/route";

const url = (id: string, action = "") => `/api/timp/organizations/connections/request/${id}/${action}`;
const post = (route: typeof approve, who: Person, id: string, action: string, body?: unknown) =>
  callRoute(route, url(id, `${action}/`), { method: "POST", headers: jsonHeaders(who.auth), body: body === undefined ? undefined : JSON.stringify(body) }, { uuid: id });

async function submitted(retailer: Person) {
  const response = await callRoute(create, url(""), { method: "POST", headers: jsonHeaders(retailer.auth), body: JSON.stringify(validRequest) });
  return ((await response.json()) as { request_uuid: string }).request_uuid;
}
const statusOf = async (id: string) => (await db.connectionRequest.findUniqueOrThrow({ where: { id } })).status;

describe("changes requested", () => {
  it("an admin sends a request back with a message, the requester edits and resubmits, the admin approves; the history says it all", async () => {
    const [retailer, admin] = [await person(), await person({ admin: true })];
    const id = await submitted(retailer);

    expect((await post(requestChanges, admin, id, "request-changes", { message: "Add the supplier's account number." })).status).toBe(204);
    const sentBack = await (await callRoute(detail, url(id, ""), { headers: retailer.auth }, { uuid: id })).json();
    expect(sentBack).toMatchObject({ status: "changes_requested", is_approved: false, approved_by: null });

    // Approving waits for the resubmission; editing is open to the requester meanwhile.
    expect(await (await post(approve, admin, id, "approve")).json()).toEqual({
      detail: "This request is waiting for changes from its requester: it can be approved once resubmitted.",
    });
    const edited = await callRoute(patch, url(id, ""), { method: "PATCH", headers: jsonHeaders(retailer.auth), body: JSON.stringify({ organization_account_number: "ACC-42" }) }, { uuid: id });
    expect(edited.status).toBe(204);
    expect((await post(resubmit, retailer, id, "resubmit")).status).toBe(204);
    expect(await statusOf(id)).toBe("pending");
    expect((await post(approve, admin, id, "approve")).status).toBe(204);

    const response = await callRoute(history, url(id, "history/"), { headers: retailer.auth }, { uuid: id });
    expect(response.status).toBe(200);
    const { history: entries } = await response.json();
    expect(entries.map((entry: { event: string }) => entry.event)).toEqual(["submitted", "changes_requested", "edited", "resubmitted", "approved"]);
    expect(entries[1]).toMatchObject({ actor: { uuid: admin.id, email: admin.email }, message: "Add the supplier's account number." });
    expect(entries[0]).toMatchObject({ actor: { uuid: retailer.id }, message: null });
    expect(entries[2]).toMatchObject({ actor: { uuid: retailer.id }, message: null });
    expect(new Date(entries[0].at).getTime()).toBeLessThanOrEqual(new Date(entries[4].at).getTime());
  });

  it("is for admins, needs a message, and only from pending; reject stays possible while changes are awaited", async () => {
    const [retailer, admin] = [await person(), await person({ admin: true })];
    const id = await submitted(retailer);
    expect((await post(requestChanges, retailer, id, "request-changes", { message: "x" })).status).toBe(403);
    const missing = await post(requestChanges, admin, id, "request-changes", {});
    expect(missing.status).toBe(400);
    expect(await missing.json()).toEqual({ message: ["This field is required."] });
    expect((await post(requestChanges, admin, id, "request-changes", { message: "  " })).status).toBe(400);
    expect(await statusOf(id)).toBe("pending");

    expect((await post(requestChanges, admin, id, "request-changes", { message: "More detail, please." })).status).toBe(204);
    const twice = await post(requestChanges, admin, id, "request-changes", { message: "Again" });
    expect(twice.status).toBe(422);
    expect(await twice.json()).toEqual({ detail: "Changes were already requested for this request." });
    expect((await post(reject, admin, id, "reject", { reason: "Never mind." })).status).toBe(204);
    expect(await statusOf(id)).toBe("rejected");
    expect((await post(requestChanges, admin, id, "request-changes", { message: "x" })).status).toBe(422);
    expect((await post(resubmit, retailer, id, "resubmit")).status).toBe(422);
  });

  it("resubmission is the requesting organization's, only from changes_requested; others see nothing", async () => {
    const [retailer, other, admin] = [await person(), await person(), await person({ admin: true })];
    const id = await submitted(retailer);
    const pendingAlready = await post(resubmit, retailer, id, "resubmit");
    expect(pendingAlready.status).toBe(422);
    expect(await pendingAlready.json()).toEqual({ detail: "This request is pending already: only a request sent back for changes can be resubmitted." });
    await post(requestChanges, admin, id, "request-changes", { message: "Fix it." });
    expect((await post(resubmit, other, id, "resubmit")).status).toBe(404);
    expect((await post(resubmit, admin, id, "resubmit")).status).toBe(403);
    expect((await callRoute(history, url(id, "history/"), { headers: other.auth }, { uuid: id })).status).toBe(404);
    expect((await callRoute(history, url("not-a-uuid", "history/"), { headers: retailer.auth }, { uuid: "not-a-uuid" })).status).toBe(404);
    expect(await statusOf(id)).toBe("changes_requested");
  });

  it("the status filter and the tallies know the new state", async () => {
    const [retailer, admin] = [await person(), await person({ admin: true })];
    const id = await submitted(retailer);
    await submitted(retailer);
    await post(requestChanges, admin, id, "request-changes", { message: "Please add a feed." });
    const { GET: list } = await import("@/app/api/timp/organizations/connections/request/route");
    const filtered = await (await callRoute(list, `${url("")}?status=changes_requested`, { headers: retailer.auth })).json();
    expect(filtered.pagination.total_count).toBe(1);
    expect(filtered.requests.map((request: { record_uuid: string }) => request.record_uuid)).toEqual([id]);
    const tally = await db.connectionRequestTally.findUniqueOrThrow({ where: { scope: retailer.organizationId! } });
    expect(tally).toMatchObject({ pending: 1, changesRequested: 1 });
  });
});
