import { beforeEach, describe, expect, it, vi } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { actorForApiToken } from "@/lib/auth/api-tokens";
import { db } from "@/lib/db/client";
import { person } from "@/tests/support/fixtures";

// Server actions are public POST endpoints: these call them directly, as an attacker could,
// with whoever the session says is calling.
const session = vi.hoisted(() => ({ actor: null as Actor | null }));
vi.mock("@/lib/auth/session", () => ({ getActor: async () => session.actor }));
const revalidated = vi.hoisted(() => [] as string[]);
vi.mock("next/cache", () => ({ revalidatePath: (path: string) => void revalidated.push(path) }));
vi.mock("next/navigation", () => ({
  redirect: (to: string) => {
    throw Object.assign(new Error("NEXT_REDIRECT"), { to });
  },
}));

const { decideAction, saveConnectionRequestAction } = await import("./actions");
const { createApiTokenAction } = await import("@/lib/auth/api-token-actions");

const form = (entries: [string, string][]) => {
  const data = new FormData();
  for (const [key, value] of entries) data.append(key, value);
  return data;
};

async function pending() {
  const retailer = await person();
  const request = await db.connectionRequest.create({
    data: { organizationId: retailer.organizationId!, requestedById: retailer.id, supplierName: "S", contactFullName: "C" },
  });
  return { retailer, request };
}

describe("server actions check their caller", () => {
  beforeEach(() => {
    session.actor = null;
  });

  it("a member calling the approve action directly is refused and nothing changes", async () => {
    const { retailer, request } = await pending();
    session.actor = await actorForApiToken(retailer.token);
    const result = await decideAction(null, form([["decision", "approve"], ["ids", request.id]]));
    expect(result).toEqual({ ok: false, message: "Only platform admins can approve, reject or send back connection requests.", fieldErrors: {} });
    expect((await db.connectionRequest.findUniqueOrThrow({ where: { id: request.id } })).status).toBe("pending");
    expect(await db.auditEvent.count({ where: { targetId: request.id } })).toBe(0);
  });

  it("a signed-out caller is refused by every action", async () => {
    const { request } = await pending();
    expect(await decideAction(null, form([["decision", "approve"], ["ids", request.id]]))).toMatchObject({ ok: false });
    expect(await saveConnectionRequestAction(null, form([["payload", "{}"]]))).toMatchObject({ ok: false });
    expect(await createApiTokenAction(null, form([["name", "x"], ["expiresInDays", "7"]]))).toMatchObject({ ok: false });
    expect((await db.connectionRequest.findUniqueOrThrow({ where: { id: request.id } })).status).toBe("pending");
  });

  it("an admin sends a request back with what to change; without it, a field error", async () => {
    const { request } = await pending();
    const admin = await person({ admin: true });
    session.actor = await actorForApiToken(admin.token);
    expect(await decideAction(null, form([["decision", "request_changes"], ["ids", request.id]]))).toMatchObject({
      ok: false,
      fieldErrors: { reason: ["Say what the requester should change."] },
    });
    expect(await decideAction(null, form([["decision", "request_changes"], ["ids", request.id], ["reason", "Add a feed."]]))).toEqual({
      ok: true,
      message: "Sent back for changes 1 request.",
    });
    expect((await db.connectionRequest.findUniqueOrThrow({ where: { id: request.id } })).status).toBe("changes_requested");
  });

  it("an admin's decision goes through; a reject without a reason is a field error", async () => {
    const { request } = await pending();
    const admin = await person({ admin: true });
    session.actor = await actorForApiToken(admin.token);
    expect(await decideAction(null, form([["decision", "reject"], ["ids", request.id]]))).toMatchObject({
      ok: false,
      fieldErrors: { reason: ["Give a reason for rejecting."] },
    });
    expect(await decideAction(null, form([["decision", "approve"], ["ids", request.id]]))).toEqual({ ok: true, message: "Approved 1 request." });
    expect(await decideAction(null, form([["decision", "approve"], ["ids", request.id]]))).toMatchObject({
      ok: false,
      message: expect.stringContaining("already approved"),
    });
  });

  it("a member cannot edit another organization's request through the form action", async () => {
    const { request } = await pending();
    const stranger = await person();
    session.actor = await actorForApiToken(stranger.token);
    const result = await saveConnectionRequestAction(null, form([["requestId", request.id], ["payload", JSON.stringify({ organization_name: "Hijacked" })]]));
    expect(result).toEqual({ ok: false, message: "Not found.", fieldErrors: {} });
    expect((await db.connectionRequest.findUniqueOrThrow({ where: { id: request.id } })).supplierName).toBe("S");
  });

  it("a supplier cannot create a request through the form action", async () => {
    const supplier = await person({ type: "supplier" });
    session.actor = await actorForApiToken(supplier.token);
    const payload = JSON.stringify({ organization_name: "X", primary_contact_name: "Y" });
    expect(await saveConnectionRequestAction(null, form([["payload", payload]]))).toEqual({
      ok: false,
      message: "Only members of a retailer organization can request connections.",
      fieldErrors: {},
    });
  });

  it("an admin deciding on a version the requester edited since is told so, and nothing is decided", async () => {
    const { retailer, request: created } = await pending();
    const admin = await person({ admin: true });
    // As the admin's page showed it a minute ago.
    const request = await db.connectionRequest.update({ where: { id: created.id }, data: { updatedAt: new Date(Date.now() - 60_000) } });
    const shown = `${request.id}@${request.updatedAt.getTime()}`;
    session.actor = await actorForApiToken(retailer.token);
    await expect(saveConnectionRequestAction(null, form([["requestId", request.id], ["payload", JSON.stringify({ organization_name: "Edited" })]]))).rejects.toMatchObject({ to: `/connections/${request.id}` });

    session.actor = await actorForApiToken(admin.token);
    revalidated.length = 0;
    expect(await decideAction(null, form([["decision", "approve"], ["ids", request.id], ["versions", shown]]))).toEqual({
      ok: false,
      message: "This request changed since you opened it; review the changes and approve again.",
      fieldErrors: {},
    });
    expect(await decideAction(null, form([["decision", "reject"], ["ids", request.id], ["reason", "No"], ["versions", shown]]))).toMatchObject({
      message: "This request changed since you opened it; review the changes and reject again.",
    });
    expect(await db.connectionRequest.findUniqueOrThrow({ where: { id: request.id } })).toMatchObject({ status: "pending", supplierName: "Edited" });
    expect(await db.auditEvent.count({ where: { targetId: request.id, action: { startsWith: "connection_request.approve" } } })).toBe(0);
    // The review page is rendered again, with the current content and version.
    expect(revalidated).toContain(`/admin/approvals/${request.id}`);

    const current = (await db.connectionRequest.findUniqueOrThrow({ where: { id: request.id } })).updatedAt.getTime();
    expect(await decideAction(null, form([["decision", "approve"], ["ids", request.id], ["versions", `${request.id}@${current}`]]))).toEqual({ ok: true, message: "Approved 1 request." });
  });

  it("an edit through the portal's form is on the request's timeline", async () => {
    const { retailer, request } = await pending();
    session.actor = await actorForApiToken(retailer.token);
    await expect(saveConnectionRequestAction(null, form([["requestId", request.id], ["payload", JSON.stringify({ additional_information: "More" })]]))).rejects.toMatchObject({ to: `/connections/${request.id}` });
    expect(await db.event.findMany({ where: { connectionRequestId: request.id }, select: { type: true, actorId: true } })).toEqual([
      { type: "connection_request.edited", actorId: retailer.id },
    ]);
  });
});
