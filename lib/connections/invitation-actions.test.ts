import { beforeEach, describe, expect, it, vi } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { actorForApiToken } from "@/lib/auth/api-tokens";
import { generateSecret, hashSecret } from "@/lib/auth/secrets";
import { db } from "@/lib/db/client";
import { person, unique, type Person } from "@/tests/support/fixtures";
import { form } from "@/tests/support/forms";

// Server actions are public POST endpoints: called directly here, as anyone could, with whoever
// the session says is calling.
const session = vi.hoisted(() => ({ actor: null as Actor | null }));
vi.mock("@/lib/auth/session", () => ({ getActor: async () => session.actor }));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));
const jar = vi.hoisted(() => new Map<string, string>());
vi.mock("next/headers", () => ({
  headers: async () => new Headers({ "x-portal-client-address": `10.42.${Math.floor(Math.random() * 250)}.1` }),
  cookies: async () => ({ set: (name: string, value: string) => void jar.set(name, value) }),
}));
vi.mock("next/navigation", () => ({
  redirect: (to: string) => {
    throw Object.assign(new Error("NEXT_REDIRECT"), { to });
  },
}));

const { decideAction } = await import("@/lib/connection-requests/actions");
const { acceptInvitationAction, linkSupplierAction, revokeInvitationAction, sendInvitationAction } = await import("./invitation-actions");
const { setAccountManagerAction } = await import("@/lib/organizations/actions");

const actorOf = async (who: Person) => (await actorForApiToken(who.token))!;

async function pendingRequest(retailer: Person, supplierName: string) {
  return db.connectionRequest.create({
    data: { organizationId: retailer.organizationId!, requestedById: retailer.id, supplierName, contactFullName: "Cara Contact", contactEmail: `cara-${unique()}@example.com` },
  });
}

describe("the approve form's supplier pick", () => {
  beforeEach(() => {
    session.actor = null;
  });

  it("links the organization the admin picked, or none (invite by e-mail) although one has the requested name", async () => {
    const [retailer, admin, supplier] = [await person(), await person({ admin: true }), await person({ type: "supplier" })];
    const matching = (await db.organization.findUniqueOrThrow({ where: { id: supplier.organizationId! } })).name;
    session.actor = await actorOf(admin);
    const other = await person({ type: "supplier" });

    const picked = await pendingRequest(retailer, matching);
    expect(await decideAction(null, form({ decision: "approve", ids: picked.id, supplier_organization_uuid: other.organizationId! }))).toMatchObject({ ok: true });
    expect((await db.connection.findUniqueOrThrow({ where: { connectionRequestId: picked.id } })).supplierOrganizationId).toBe(other.organizationId);

    const none = await pendingRequest(retailer, matching);
    expect(await decideAction(null, form({ decision: "approve", ids: none.id, supplier_organization_uuid: "none" }))).toMatchObject({ ok: true });
    const connection = await db.connection.findUniqueOrThrow({ where: { connectionRequestId: none.id }, include: { invitations: true } });
    expect(connection.supplierOrganizationId).toBeNull();
    expect(connection.invitations).toHaveLength(1);

    const retailerPicked = await pendingRequest(retailer, matching);
    expect(await decideAction(null, form({ decision: "approve", ids: retailerPicked.id, supplier_organization_uuid: retailer.organizationId! }))).toMatchObject({ ok: false });
    expect(await db.connection.count({ where: { connectionRequestId: retailerPicked.id } })).toBe(0);
    expect(await decideAction(null, form({ decision: "approve", ids: retailerPicked.id, supplier_organization_uuid: "Acme" }))).toMatchObject({
      ok: false,
      fieldErrors: { supplier_organization_uuid: ["Choose a supplier organization from the list."] },
    });
  });
});

describe("invitation and account-manager actions", () => {
  beforeEach(() => {
    session.actor = null;
  });

  it("refuse members and signed-out callers", async () => {
    const [retailer, admin] = [await person(), await person({ admin: true })];
    session.actor = await actorOf(admin);
    const request = await pendingRequest(retailer, `Unlisted ${unique()}`);
    await decideAction(null, form({ decision: "approve", ids: request.id, supplier_organization_uuid: "none" }));
    const connection = await db.connection.findUniqueOrThrow({ where: { connectionRequestId: request.id } });

    session.actor = await actorOf(retailer);
    expect(await sendInvitationAction(null, form({ connectionId: connection.id }))).toMatchObject({ ok: false, message: "Only platform admins can invite suppliers." });
    expect(await revokeInvitationAction(null, form({ connectionId: connection.id }))).toMatchObject({ ok: false, message: "Only platform admins can invite suppliers." });
    expect(await setAccountManagerAction(null, form({ organizationId: retailer.organizationId!, accountManagerId: admin.id }))).toMatchObject({ ok: false });
    const supplier = await person({ type: "supplier" });
    const link = form({ connectionId: connection.id, supplier_organization_uuid: supplier.organizationId! });
    expect(await linkSupplierAction(null, link)).toMatchObject({ ok: false, message: "Only platform admins can invite suppliers." });
    session.actor = null;
    expect(await revokeInvitationAction(null, form({ connectionId: connection.id }))).toMatchObject({ ok: false, message: "Your session has ended. Sign in again." });
    expect(await linkSupplierAction(null, link)).toMatchObject({ ok: false, message: "Your session has ended. Sign in again." });
    expect((await db.connection.findUniqueOrThrow({ where: { id: connection.id } })).supplierOrganizationId).toBeNull();
    expect(await db.supplierInvitation.count({ where: { connectionId: connection.id, revokedAt: null } })).toBe(1);
    expect((await db.organization.findUniqueOrThrow({ where: { id: retailer.organizationId! } })).accountManagerId).toBeNull();

    session.actor = await actorOf(admin);
    expect(await setAccountManagerAction(null, form({ organizationId: retailer.organizationId!, accountManagerId: admin.id }))).toMatchObject({ ok: true });
    expect(await revokeInvitationAction(null, form({ connectionId: connection.id }))).toMatchObject({ ok: true });
  });

  it("accepting signs the new member in and sends them home; a bad form names its fields", async () => {
    const [retailer, admin] = [await person(), await person({ admin: true })];
    session.actor = await actorOf(admin);
    const request = await pendingRequest(retailer, `Unlisted ${unique()}`);
    await decideAction(null, form({ decision: "approve", ids: request.id, supplier_organization_uuid: "none" }));
    const connection = await db.connection.findUniqueOrThrow({ where: { connectionRequestId: request.id } });
    // A known token stands in for the mailed one (invitations.test.ts reads it from a real mail).
    const token = generateSecret("si");
    await db.supplierInvitation.updateMany({ where: { connectionId: connection.id }, data: { tokenHash: hashSecret(token) } });
    session.actor = null;

    expect(await acceptInvitationAction(null, form({ token, organizationName: "", name: "", password: "short" }))).toMatchObject({
      ok: false,
      fieldErrors: { organizationName: [expect.any(String)], name: ["Enter your name."], password: ["Use at least 12 characters."] },
    });
    jar.clear();
    await expect(acceptInvitationAction(null, form({ token, organizationName: `Cara Co ${unique()}`, name: "Cara", password: "a long enough password" }))).rejects.toMatchObject({ to: "/" });
    expect([...jar.keys()]).toEqual(["next-auth.session-token"]);
    expect(await acceptInvitationAction(null, form({ token, organizationName: `Cara Co ${unique()}`, name: "Cara", password: "a long enough password" }))).toMatchObject({
      ok: false,
      message: expect.stringContaining("already used"),
    });
  });
});
