import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { actorForApiToken } from "@/lib/auth/api-tokens";
import { hashSecret } from "@/lib/auth/secrets";
import { actorForSession, createUserSession } from "@/lib/auth/sessions";
import { verifyCredentials } from "@/lib/auth/options";
import { submitConnectionRequest } from "@/lib/connection-requests/commands";
import { decideConnectionRequest } from "@/lib/connection-requests/decisions";
import { db } from "@/lib/db/client";
import { sweepExpiredRows, configuredPeriods, invitationRetentionMs } from "@/lib/housekeeping/sweep";
import { sendDueEmails } from "@/lib/mail/outbox";
import { smtpTransport } from "@/lib/mail/transport";
import { setAccountManager } from "@/lib/organizations/account-managers";
import { createConnectionRequestSchema } from "@/lib/schemas/connection-requests";
import { person, unique, validRequest, type Person } from "@/tests/support/fixtures";
import { startSmtpServer } from "@/tests/support/smtp";
import { acceptSupplierInvitation, describeInvitation } from "./invitation-acceptance";
import { linkSupplierOrganization, listSupplierChoices, revokeSupplierInvitation, sendSupplierInvitation } from "./invitation-admin";
import { invitationLifetimeMs } from "./invitations";
import { getConnection } from "./queries";
import { confirmConnection, deactivateConnection } from "./transitions";

let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
beforeAll(async () => {
  smtp = await startSmtpServer();
});
afterAll(() => smtp.stop());

const actorOf = async (who: Person) => (await actorForApiToken(who.token))!;
const address = () => `10.41.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;

/** A retailer's request for a supplier not on the portal, approved by an admin. */
async function approvedForUnknownSupplier(options: { contactEmail?: string; supplierOrganizationId?: string | null; supplierName?: string } = {}) {
  const [retailer, admin] = [await person(), await person({ admin: true })];
  const contactEmail = options.contactEmail ?? `gina-${unique()}@example.com`;
  const supplierName = options.supplierName ?? `Newco ${unique()}`;
  const input = createConnectionRequestSchema.parse({ ...validRequest, organization_name: supplierName, primary_contact_email: contactEmail });
  const { body } = await submitConnectionRequest(await actorOf(retailer), input);
  const requestId = (body as { request_uuid: string }).request_uuid;
  await decideConnectionRequest(await actorOf(admin), requestId, { kind: "approve", supplierOrganizationId: options.supplierOrganizationId });
  const connection = await db.connection.findUniqueOrThrow({ where: { connectionRequestId: requestId } });
  return { retailer, admin, contactEmail, supplierName, requestId, connection };
}

/** Delivers what is queued through the SMTP server and reads the token from the newest invitation to `to`. */
async function invitationTokenFor(to: string) {
  while ((await sendDueEmails(new Date(), smtpTransport(smtp.url))).sent > 0);
  const mail = smtp.received.filter((message) => message.to && "text" in message.to && message.to.text === to).at(-1);
  const link = mail?.text?.match(/Open it: (\S+)/)?.[1];
  return { mail, link, token: link ? new URL(link).searchParams.get("token") : null };
}

const accept = (token: string, overrides: Partial<{ organizationName: string; name: string; password: string }> = {}) =>
  acceptSupplierInvitation({ token, organizationName: `Newco Ltd ${unique()}`, name: "Nora New Supplier", password: "a long enough password", ...overrides }, address());

describe("inviting a supplier who is not on the portal", () => {
  it("mails a link on approval; accepting it makes the organization and its member, links the connection, and works once", async () => {
    const { retailer, contactEmail, connection } = await approvedForUnknownSupplier();
    expect(connection.supplierOrganizationId).toBeNull();
    const { mail, link, token } = await invitationTokenFor(contactEmail);
    const retailerName = (await db.organization.findUniqueOrThrow({ where: { id: retailer.organizationId! } })).name;
    expect(mail?.subject).toBe(`${retailerName} invites you to Crux Requests`);
    // In the query, which request logs leave out (they keep the path).
    expect(link).toMatch(/^http:\/\/localhost:3000\/invitations\?token=si_[\w-]{43}$/);
    expect(mail?.html).toContain(`href="${link}"`);
    expect(await db.supplierInvitation.count({ where: { tokenHash: token! } })).toBe(0); // only its hash is stored
    expect(await db.supplierInvitation.count({ where: { tokenHash: hashSecret(token!), connectionId: connection.id } })).toBe(1);
    expect(await describeInvitation(token!)).toMatchObject({ state: "open", email: contactEmail });

    const organizationName = `Newco Ltd ${unique()}`;
    const { userId } = await accept(token!, { organizationName });
    const user = await db.user.findUniqueOrThrow({ where: { id: userId }, include: { organization: true } });
    expect(user).toMatchObject({ email: contactEmail, firstName: "Nora", lastName: "New Supplier", role: "member" });
    expect(user.emailVerifiedAt).not.toBeNull();
    expect(user.organization).toMatchObject({ name: organizationName, type: "supplier", nameKey: organizationName.toLowerCase() });
    const linked = await db.connection.findUniqueOrThrow({ where: { id: connection.id } });
    expect(linked.supplierOrganizationId).toBe(user.organizationId);
    expect(await db.event.findMany({ where: { connectionId: connection.id }, orderBy: { sequence: "asc" }, select: { type: true, actorId: true } })).toEqual([
      expect.objectContaining({ type: "connection.created" }),
      { type: "connection.supplier_linked", actorId: userId },
    ]);
    expect(await verifyCredentials({ email: contactEmail, password: "a long enough password" }, new Headers({ "x-portal-client-address": address() }))).toMatchObject({ id: userId });

    const supplier = (await actorForSession(await createUserSession(userId)))!;
    expect((await confirmConnection(supplier, connection.id)).status).toBe("ACTIVE");

    await expect(accept(token!)).rejects.toMatchObject({ status: 409, message: expect.stringContaining("already used") });
    expect(await describeInvitation(token!)).toEqual({ state: "accepted" });
    expect(await db.organization.count({ where: { members: { some: { email: contactEmail } } } })).toBe(1);
  });

  it("refuses an expired link, an unknown one, and a taken organization name (leaving the link usable)", async () => {
    const { contactEmail, connection } = await approvedForUnknownSupplier();
    const { token } = await invitationTokenFor(contactEmail);
    const taken = await person({ type: "supplier" });
    const takenName = (await db.organization.findUniqueOrThrow({ where: { id: taken.organizationId! } })).name;
    await expect(accept(token!, { organizationName: takenName.toUpperCase() })).rejects.toMatchObject({ status: 409, fieldErrors: { organizationName: [expect.any(String)] } });
    expect(await describeInvitation(token!)).toMatchObject({ state: "open" });

    await db.supplierInvitation.updateMany({ where: { connectionId: connection.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await describeInvitation(token!)).toEqual({ state: "expired" });
    await expect(accept(token!)).rejects.toMatchObject({ status: 409, message: expect.stringContaining("expired") });
    await expect(accept(`si_${"x".repeat(43)}`)).rejects.toMatchObject({ status: 404 });
    expect(await db.user.count({ where: { email: contactEmail } })).toBe(0);
  });

  it("lasts 14 days", async () => {
    const { connection } = await approvedForUnknownSupplier();
    const invitation = await db.supplierInvitation.findFirstOrThrow({ where: { connectionId: connection.id } });
    expect(invitation.expiresAt.getTime() - invitation.createdAt.getTime()).toBeGreaterThan(invitationLifetimeMs - 60_000);
    expect(invitation.expiresAt.getTime() - invitation.createdAt.getTime()).toBeLessThanOrEqual(invitationLifetimeMs + 60_000);
  });

  it("a resend makes the old link stop working and the new one work; a revoked link is refused", async () => {
    const { admin, contactEmail, connection } = await approvedForUnknownSupplier();
    const first = (await invitationTokenFor(contactEmail)).token!;
    expect(await sendSupplierInvitation(await actorOf(admin), connection.id)).toBe(contactEmail);
    const second = (await invitationTokenFor(contactEmail)).token!;
    expect(second).not.toBe(first);
    expect(await describeInvitation(first)).toEqual({ state: "revoked" });
    await expect(accept(first)).rejects.toMatchObject({ status: 409, message: expect.stringContaining("withdrawn") });
    expect(await db.supplierInvitation.findMany({ where: { connectionId: connection.id }, orderBy: { createdAt: "asc" }, select: { sentCount: true, revokedAt: true } })).toEqual([
      { sentCount: 1, revokedAt: expect.any(Date) },
      { sentCount: 2, revokedAt: null },
    ]);

    await revokeSupplierInvitation(await actorOf(admin), connection.id);
    await expect(accept(second)).rejects.toMatchObject({ status: 409, message: expect.stringContaining("withdrawn") });
    await expect(revokeSupplierInvitation(await actorOf(admin), connection.id)).rejects.toMatchObject({ status: 409 });

    await sendSupplierInvitation(await actorOf(admin), connection.id);
    const third = (await invitationTokenFor(contactEmail)).token!;
    await accept(third);
    expect((await db.connection.findUniqueOrThrow({ where: { id: connection.id } })).supplierOrganizationId).not.toBeNull();
    await expect(sendSupplierInvitation(await actorOf(admin), connection.id)).rejects.toMatchObject({ status: 409 });
    expect(await db.auditEvent.findMany({ where: { targetId: connection.id, action: { startsWith: "supplier_invitation." } }, orderBy: { createdAt: "asc" }, select: { action: true } })).toEqual(
      ["send", "revoke", "send", "accept"].map((action) => ({ action: `supplier_invitation.${action}` })),
    );
  });

  it("without a contact e-mail there is no invitation until an admin gives an address", async () => {
    const { admin, connection } = await approvedForUnknownSupplier({ contactEmail: "" });
    expect(await db.supplierInvitation.count({ where: { connectionId: connection.id } })).toBe(0);
    await expect(sendSupplierInvitation(await actorOf(admin), connection.id)).rejects.toMatchObject({ status: 400, fieldErrors: { email: [expect.any(String)] } });
    const email = `late-${unique()}@example.com`;
    await sendSupplierInvitation(await actorOf(admin), connection.id, email);
    const { token } = await invitationTokenFor(email);
    expect(token).toMatch(/^si_/);
    expect((await db.connection.findUniqueOrThrow({ where: { id: connection.id } })).supplierContactEmail).toBe(email);
    const { userId } = await accept(token!);
    expect((await db.user.findUniqueOrThrow({ where: { id: userId } })).email).toBe(email);
  });

  it("an address that already has an account is told to sign in; no second account or organization is made", async () => {
    const existing = await person({ type: "supplier" });
    const { connection } = await approvedForUnknownSupplier({ contactEmail: existing.email });
    const { token } = await invitationTokenFor(existing.email);
    const organizations = await db.organization.count();
    await expect(accept(token!)).rejects.toMatchObject({ status: 409, message: expect.stringContaining("ask the Crux Requests admins to link your organization") });
    expect(await db.organization.count()).toBe(organizations);
    expect(await db.user.count({ where: { email: existing.email } })).toBe(1);
    expect((await db.connection.findUniqueOrThrow({ where: { id: connection.id } })).supplierOrganizationId).toBeNull();
  });

  it("an admin links a waiting connection to a supplier already on the portal: the link stops working, the supplier can confirm", async () => {
    const existing = await person({ type: "supplier" });
    const { retailer, admin, connection, contactEmail } = await approvedForUnknownSupplier();
    const { token } = await invitationTokenFor(contactEmail);
    await expect(linkSupplierOrganization(await actorOf(retailer), connection.id, existing.organizationId!)).rejects.toMatchObject({ status: 403 });
    await expect(linkSupplierOrganization(await actorOf(admin), connection.id, retailer.organizationId!)).rejects.toMatchObject({
      status: 400,
      fieldErrors: { supplier_organization_uuid: ["This organization is not a supplier."] },
    });
    await linkSupplierOrganization(await actorOf(admin), connection.id, existing.organizationId!);
    expect((await db.connection.findUniqueOrThrow({ where: { id: connection.id } })).supplierOrganizationId).toBe(existing.organizationId);
    expect(await describeInvitation(token!)).toEqual({ state: "revoked" });
    expect(await db.event.count({ where: { connectionId: connection.id, type: "connection.supplier_linked", actorId: admin.id } })).toBe(1);
    await expect(linkSupplierOrganization(await actorOf(admin), connection.id, existing.organizationId!)).rejects.toMatchObject({ status: 409 });
    expect((await confirmConnection(await actorOf(existing), connection.id)).status).toBe("ACTIVE");
  });

  it("ending a waiting connection withdraws its invitation: the link no longer registers anyone", async () => {
    const { retailer, connection, contactEmail } = await approvedForUnknownSupplier();
    const { token } = await invitationTokenFor(contactEmail);
    await deactivateConnection(await actorOf(retailer), connection.id, "We found another supplier.");
    expect(await describeInvitation(token!)).toEqual({ state: "revoked" });
    const organizations = await db.organization.count();
    await expect(accept(token!)).rejects.toMatchObject({ status: 409 });
    expect(await db.organization.count()).toBe(organizations);
    expect((await db.connection.findUniqueOrThrow({ where: { id: connection.id } })).supplierOrganizationId).toBeNull();
  });

  it("the supplier choices reach any supplier organization by a search, past the first 50", async () => {
    const admin = await actorOf(await person({ admin: true }));
    for (let i = 0; i < 51; i++) await person({ type: "supplier" });
    const needle = `Zzyzx Supplies ${unique()}`;
    await db.organization.create({ data: { name: needle, nameKey: needle.toLowerCase(), type: "supplier" } });
    expect((await listSupplierChoices(admin, "Someone else")).others.map((choice) => choice.name)).not.toContain(needle);
    expect((await listSupplierChoices(admin, "Someone else", needle.slice(0, 14).toUpperCase())).others.map((choice) => choice.name)).toContain(needle);
  });

  it("the admin's pick decides the supplier: a named organization links it (no invitation), none invites even when a name matches", async () => {
    const supplier = await person({ type: "supplier" });
    const name = (await db.organization.findUniqueOrThrow({ where: { id: supplier.organizationId! } })).name;
    const picked = await approvedForUnknownSupplier({ supplierOrganizationId: supplier.organizationId });
    expect(picked.connection.supplierOrganizationId).toBe(supplier.organizationId);
    expect(await db.supplierInvitation.count({ where: { connectionId: picked.connection.id } })).toBe(0);

    const byName = await approvedForUnknownSupplier({ supplierName: name.toUpperCase() });
    expect(byName.connection.supplierOrganizationId).toBe(supplier.organizationId);

    const none = await approvedForUnknownSupplier({ supplierName: name, supplierOrganizationId: null });
    expect(none.connection.supplierOrganizationId).toBeNull();
    expect(await db.supplierInvitation.count({ where: { connectionId: none.connection.id } })).toBe(1);
  });

  it("only admins resend, revoke or assign account managers", async () => {
    const { retailer, connection } = await approvedForUnknownSupplier();
    const member = await actorOf(retailer);
    await expect(sendSupplierInvitation(member, connection.id, `x-${unique()}@example.com`)).rejects.toMatchObject({ status: 403 });
    await expect(revokeSupplierInvitation(member, connection.id)).rejects.toMatchObject({ status: 403 });
    await expect(setAccountManager(member, retailer.organizationId!, retailer.id)).rejects.toMatchObject({ status: 403 });
    expect(await db.supplierInvitation.count({ where: { connectionId: connection.id, revokedAt: null } })).toBe(1);
  });
});

describe("account managers", () => {
  it("appear on the organizations and, the retailer's, on the connection", async () => {
    const { retailer, admin, contactEmail, connection } = await approvedForUnknownSupplier();
    const manager = await person({ admin: true });
    await setAccountManager(await actorOf(admin), retailer.organizationId!, manager.id);
    await expect(setAccountManager(await actorOf(admin), retailer.organizationId!, retailer.id)).rejects.toMatchObject({ status: 400 });

    const before = await getConnection(await actorOf(retailer), connection.id);
    const managerRow = await db.user.findUniqueOrThrow({ where: { id: manager.id } });
    const expected = { uuid: manager.id, person: { uuid: manager.id, first_name: managerRow.firstName, last_name: managerRow.lastName, email: manager.email, phone: "", job_title: "" } };
    expect(before.account_manager).toEqual(expected);
    expect(before.retailer.organization.account_manager).toEqual(expected);
    expect(before.supplier.organization.account_manager).toBeNull();

    const { userId } = await accept((await invitationTokenFor(contactEmail)).token!);
    const supplierOrganizationId = (await db.user.findUniqueOrThrow({ where: { id: userId } })).organizationId!;
    await setAccountManager(await actorOf(admin), supplierOrganizationId, admin.id);
    const after = await getConnection(await actorOf(retailer), connection.id);
    expect(after.supplier.organization.account_manager?.uuid).toBe(admin.id);
    expect(after.account_manager).toEqual(expected);
    expect(await db.auditEvent.count({ where: { action: "organization.account_manager", targetId: retailer.organizationId! } })).toBe(1);

    await setAccountManager(await actorOf(admin), retailer.organizationId!, null);
    expect((await getConnection(await actorOf(retailer), connection.id)).account_manager).toBeNull();
  });
});

describe("retention", () => {
  it("deletes invitations accepted, revoked or expired more than 90 days ago, and keeps usable ones", async () => {
    const { admin, connection } = await approvedForUnknownSupplier();
    await sendSupplierInvitation(await actorOf(admin), connection.id); // the first is revoked now
    const [revoked, usable] = await db.supplierInvitation.findMany({ where: { connectionId: connection.id }, orderBy: { createdAt: "asc" } });
    const now = new Date(revoked!.revokedAt!.getTime() + invitationRetentionMs + 60_000);
    await db.supplierInvitation.update({ where: { id: usable!.id }, data: { expiresAt: new Date(now.getTime() + 60_000) } });
    await sweepExpiredRows(now, configuredPeriods());
    expect(await db.supplierInvitation.findMany({ where: { connectionId: connection.id }, select: { id: true } })).toEqual([{ id: usable!.id }]);
  });
});
