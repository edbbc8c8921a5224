import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { actorForApiToken } from "@/lib/auth/api-tokens";
import { hashSecret } from "@/lib/auth/secrets";
import { actorForSession, createUserSession } from "@/lib/auth/sessions";
import { verifyCredentials } from "@/lib/auth/options";
import { db } from "@/lib/db/client";
import { sendDueEmails } from "@/lib/mail/outbox";
import { smtpTransport } from "@/lib/mail/transport";
import { bearerFor, person, unique, type Person } from "@/tests/support/fixtures";
import { startSmtpServer } from "@/tests/support/smtp";
import { createAccount } from "@/lib/users/accounts";
import { acceptTeamInvitation, describeTeamInvitation, inviteMember, joinTeam, resendTeamInvitation, revokeTeamInvitation, teamInvitationLifetimeMs } from "./invitations";
import { changeMemberRole, leaveOrganization, removeMember, teamView } from "./members";
import { setOrganizationRole } from "./roles";

let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
beforeAll(async () => {
  smtp = await startSmtpServer();
});
afterAll(() => smtp.stop());

const actorOf = async (who: Person) => (await actorForApiToken(who.token))!;
const address = () => `10.42.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;
const newAddress = () => `invitee-${unique()}@example.com`;

/** Delivers what is queued through the SMTP server; the newest mail to `to` and the token of its first link. */
async function invitationMailTo(to: string) {
  while ((await sendDueEmails(new Date(), smtpTransport(smtp.url))).sent > 0);
  const mail = smtp.received.filter((message) => message.to && "text" in message.to && message.to.text === to).at(-1);
  const link = mail?.text?.match(/https?:\/\/\S+/)?.[0];
  return { mail, link, token: link ? new URL(link).searchParams.get("token") : null };
}

/** A person who joins an existing organization (as the CLI's --org does): a member, not its owner. */
async function colleagueOf(owner: Person): Promise<Person> {
  const organization = await db.organization.findUniqueOrThrow({ where: { id: owner.organizationId! } });
  return person({ organizationName: organization.name });
}

describe("roles", () => {
  it("makes the first member of an organization its owner, and later ones members", async () => {
    const owner = await person();
    const colleague = await colleagueOf(owner);
    expect((await actorOf(owner)).organization?.role).toBe("owner");
    expect((await actorOf(colleague)).organization?.role).toBe("member");
    const chosen = await createAccount(db, { email: `${unique()}@example.com`, password: "a long test password", organizationName: `Org ${unique()}`, organizationType: "retailer", organizationRole: "member" }, { joinExisting: true });
    expect(chosen.organizationRole).toBe("member");
  });
});

describe("team invitations", () => {
  it("mails a single-use link valid for 7 days, hashed at rest; accepting makes a confirmed member who can sign in at once", async () => {
    const owner = await person();
    const email = newAddress();
    const { id } = await inviteMember(await actorOf(owner), { email, role: "member" }, new Date());
    const { mail, link, token } = await invitationMailTo(email);
    expect(mail?.subject).toContain("invites you to");
    expect(link).toContain("/invitations/team?token=");
    const stored = await db.teamInvitation.findUniqueOrThrow({ where: { id } });
    expect(stored.tokenHash).toBe(hashSecret(token!));
    expect(JSON.stringify(stored)).not.toContain(token!);
    expect(stored.expiresAt.getTime() - stored.createdAt.getTime()).toBeGreaterThanOrEqual(teamInvitationLifetimeMs - 1000);

    const view = await describeTeamInvitation(token!);
    expect(view).toMatchObject({ state: "open", email, role: "member", hasAccount: false });
    const { userId } = await acceptTeamInvitation({ token: token!, name: "Ivy Invitee", password: "a long enough password" }, address());
    const joined = await db.user.findUniqueOrThrow({ where: { id: userId } });
    expect(joined).toMatchObject({ email, organizationId: owner.organizationId, organizationRole: "member", firstName: "Ivy", lastName: "Invitee" });
    expect(joined.emailVerifiedAt).not.toBeNull();
    expect(await verifyCredentials({ email, password: "a long enough password" }, { "x-forwarded-for": address() })).not.toBeNull();

    await expect(acceptTeamInvitation({ token: token!, name: "Again", password: "a long enough password" }, address())).rejects.toMatchObject({ status: 409 });
    expect(await describeTeamInvitation(token!)).toEqual({ state: "accepted" });
    const team = await teamView(await actorOf(owner));
    expect(team.members.map((member) => member.email)).toContain(email);
    expect(team.history.map((entry) => entry.event)).toEqual(expect.arrayContaining(["member_invited", "member_joined"]));
    const audit = await db.auditEvent.findMany({ where: { organizationId: owner.organizationId, action: { startsWith: "team." } }, orderBy: { createdAt: "asc" } });
    expect(audit.map((entry) => entry.action)).toEqual(["team.member_invited", "team.member_joined"]);
  });

  it("gives an owner's chosen role; a resend replaces the link, a revoke ends it, an expired one is refused", async () => {
    const owner = await person();
    const actor = await actorOf(owner);
    const email = newAddress();
    const { id } = await inviteMember(actor, { email, role: "owner" });
    const first = (await invitationMailTo(email)).token!;
    await resendTeamInvitation(actor, id);
    const second = (await invitationMailTo(email)).token!;
    expect(second).not.toBe(first);
    expect(await describeTeamInvitation(first)).toEqual({ state: "unknown" });
    expect(await describeTeamInvitation(second)).toMatchObject({ state: "open", role: "owner" });
    expect((await db.teamInvitation.findUniqueOrThrow({ where: { id } })).sentCount).toBe(2);

    await revokeTeamInvitation(actor, id);
    expect(await describeTeamInvitation(second)).toEqual({ state: "revoked" });
    await expect(acceptTeamInvitation({ token: second, name: "Late", password: "a long enough password" }, address())).rejects.toMatchObject({ status: 409 });
    expect(await db.user.count({ where: { email } })).toBe(0);

    const later = newAddress();
    await inviteMember(actor, { email: later, role: "member" });
    const token = (await invitationMailTo(later)).token!;
    const expired = new Date(Date.now() + teamInvitationLifetimeMs + 1000);
    expect(await describeTeamInvitation(token, expired)).toEqual({ state: "expired" });
    await expect(acceptTeamInvitation({ token, name: "Late", password: "a long enough password" }, address(), expired)).rejects.toMatchObject({ status: 409 });
  });

  it("answers an invitation the same whether the address has an account; an account elsewhere is told on acceptance", async () => {
    const [owner, elsewhere] = [await person(), await person()];
    const actor = await actorOf(owner);
    const toStranger = await inviteMember(actor, { email: newAddress(), role: "member" });
    const toTaken = await inviteMember(actor, { email: elsewhere.email, role: "member" });
    expect(Object.keys(toTaken)).toEqual(Object.keys(toStranger));
    const token = (await invitationMailTo(elsewhere.email)).token!;
    await expect(joinTeam(await actorOf(elsewhere), token, address())).rejects.toThrow(/already belongs to another organization/);
    await expect(acceptTeamInvitation({ token, name: "X", password: "a long enough password" }, address())).rejects.toThrow(/already belongs to another organization/);
    expect((await db.user.findUniqueOrThrow({ where: { id: elsewhere.id } })).organizationId).toBe(elsewhere.organizationId);
  });

  it("lets an existing account without an organization join; nobody else may use the link", async () => {
    const owner = await person();
    const loner = await createAccount(db, { email: newAddress(), password: "a long test password" }, { joinExisting: false });
    const stranger = await person();
    await inviteMember(await actorOf(owner), { email: loner.email, role: "member" });
    const token = (await invitationMailTo(loner.email)).token!;
    expect(await describeTeamInvitation(token)).toMatchObject({ state: "open", hasAccount: true });
    await expect(joinTeam(await actorOf(stranger), token, address())).rejects.toMatchObject({ status: 403 });
    const lonerActor = (await actorForSession(await createUserSession(loner.id)))!;
    await joinTeam(lonerActor, token, address());
    expect(await db.user.findUniqueOrThrow({ where: { id: loner.id } })).toMatchObject({ organizationId: owner.organizationId, organizationRole: "member" });
  });

  it("refuses invitations and their management to members who are not owners", async () => {
    const owner = await person();
    const member = await colleagueOf(owner);
    const { id } = await inviteMember(await actorOf(owner), { email: newAddress(), role: "member" });
    await expect(inviteMember(await actorOf(member), { email: newAddress(), role: "member" })).rejects.toMatchObject({ status: 403 });
    await expect(resendTeamInvitation(await actorOf(member), id)).rejects.toMatchObject({ status: 403 });
    await expect(revokeTeamInvitation(await actorOf(member), id)).rejects.toMatchObject({ status: 403 });
    // Another organization's owner does not see it at all.
    await expect(revokeTeamInvitation(await actorOf(await person()), id)).rejects.toMatchObject({ status: 404 });
    expect((await teamView(await actorOf(member))).invitations).toEqual([]);
  });
});

describe("roles and removal", () => {
  it("keeps at least one owner: the last owner can neither be demoted, removed nor leave", async () => {
    const owner = await person();
    const member = await colleagueOf(owner);
    const actor = await actorOf(owner);
    await expect(changeMemberRole(actor, owner.id, "member")).rejects.toMatchObject({ status: 409, message: expect.stringMatching(/at least one owner/) });
    await expect(removeMember(actor, owner.id)).rejects.toMatchObject({ status: 409 });
    await expect(leaveOrganization(actor)).rejects.toMatchObject({ status: 409 });
    await changeMemberRole(actor, member.id, "owner");
    await changeMemberRole(actor, owner.id, "member");
    expect((await actorOf(owner)).organization?.role).toBe("member");
    await expect(changeMemberRole(await actorOf(owner), member.id, "member")).rejects.toMatchObject({ status: 403 });
  });

  it("keeps an owner when two owners demote each other at the same moment", async () => {
    const first = await person();
    const second = await colleagueOf(first);
    await changeMemberRole(await actorOf(first), second.id, "owner");
    const [a, b] = [await actorOf(first), await actorOf(second)];
    const outcomes = await Promise.allSettled([changeMemberRole(a, second.id, "member"), changeMemberRole(b, first.id, "member")]);
    expect(outcomes.filter((outcome) => outcome.status === "fulfilled")).toHaveLength(1);
    expect(await db.user.count({ where: { organizationId: first.organizationId, organizationRole: "owner" } })).toBe(1);
  });

  it("removing a member ends their sessions, tokens, app authorizations and webhook endpoints at once", async () => {
    const owner = await person();
    const member = await colleagueOf(owner);
    const session = await createUserSession(member.id);
    const { token: bearer } = await bearerFor(member.id);
    const endpoint = await db.webhookEndpoint.create({ data: { ownerId: member.id, organizationId: member.organizationId, url: "https://hooks.example/team", events: ["connection_request.approved"], secretCiphertext: "x" } });
    await removeMember(await actorOf(owner), member.id);
    expect(await actorForSession(session)).toBeNull();
    expect(await actorForApiToken(member.token)).toBeNull();
    expect(await db.oAuthToken.count({ where: { tokenHash: hashSecret(bearer), revokedAt: null } })).toBe(0);
    expect(await db.webhookEndpoint.findUnique({ where: { id: endpoint.id } })).toBeNull();
    expect(await db.user.findUniqueOrThrow({ where: { id: member.id } })).toMatchObject({ organizationId: null, status: "active" });
    const team = await teamView(await actorOf(owner));
    expect(team.members.map((row) => row.id)).not.toContain(member.id);
    expect(team.history.at(-1)).toMatchObject({ event: "member_removed", message: member.email });
  });

  it("lets a member leave, and answers 404 for a member of another organization", async () => {
    const owner = await person();
    const member = await colleagueOf(owner);
    await expect(removeMember(await actorOf(await person()), member.id)).rejects.toMatchObject({ status: 404 });
    await expect(changeMemberRole(await actorOf(await person()), member.id, "owner")).rejects.toMatchObject({ status: 404 });
    await leaveOrganization(await actorOf(member));
    expect((await db.user.findUniqueOrThrow({ where: { id: member.id } })).organizationId).toBeNull();
    expect((await db.auditEvent.findFirstOrThrow({ where: { subjectUserId: member.id, action: "team.member_left" } })).organizationId).toBe(owner.organizationId);
  });
});

describe("the operator's command line", () => {
  it("sets an organization role by the same rules, recorded on the team's history with no actor", async () => {
    const owner = await person();
    const member = await colleagueOf(owner);
    await expect(setOrganizationRole(db, owner.email, "member")).rejects.toMatchObject({ status: 409 });
    expect(await setOrganizationRole(db, member.email, "owner")).toMatchObject({ changed: true });
    expect(await setOrganizationRole(db, member.email, "owner")).toMatchObject({ changed: false });
    await expect(setOrganizationRole(db, (await person({ admin: true })).email, "owner")).rejects.toMatchObject({ status: 409 });
    const entry = await db.auditEvent.findFirstOrThrow({ where: { subjectUserId: member.id, action: "team.role_changed" } });
    expect(entry).toMatchObject({ actorId: null, fromState: "member", toState: "owner" });
  });
});
