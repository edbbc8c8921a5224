import { describe, expect, it } from "vitest";
import { actorForApiToken } from "@/lib/auth/api-tokens";
import type { Actor } from "@/lib/auth/actor";
import { actorForSession, createUserSession } from "@/lib/auth/sessions";
import { db } from "@/lib/db/client";
import { peopleQuerySchema } from "@/lib/schemas/admin";
import { changeAccount } from "@/lib/users/accounts";
import { bearerFor, person, unique, type Person } from "@/tests/support/fixtures";
import { changePerson, getPerson, listPeople } from "./people";

const actorOf = async (who: Person) => (await actorForApiToken(who.token))!;
const admin = async () => actorOf(await person({ admin: true }));

async function peopleNamed(tag: string, count: number) {
  await db.user.createMany({
    data: Array.from({ length: count }, (_, n) => ({ email: `${tag}-${String(n).padStart(3, "0")}@example.com`, passwordHash: "", firstName: "P", lastName: String(n) })),
  });
}

/** Every page of a search, following "Next page" to the end. */
async function everyPage(actor: Actor, q: string) {
  const pages: string[][] = [];
  let after: string | undefined;
  do {
    const { people, next } = await listPeople(actor, peopleQuerySchema.parse({ q, after }));
    pages.push(people.map((row) => row.email));
    after = next ?? undefined;
  } while (after);
  return pages;
}

describe("the admins' people list", () => {
  it("finds people by the start of their e-mail, whatever its case, and nobody else", async () => {
    const actor = await admin();
    const tag = `find${unique()}`;
    await peopleNamed(tag, 3);
    await peopleNamed(`x${tag}`, 2); // contains the tag, does not start with it
    const { people, next } = await listPeople(actor, peopleQuerySchema.parse({ q: tag.toUpperCase() }));
    expect(people.map((row) => row.email)).toEqual([0, 1, 2].map((n) => `${tag}-00${n}@example.com`));
    expect(next).toBeNull();
    expect(people[0]).toMatchObject({ name: "P 0", role: "member", status: "active", organization: null });
    expect((await listPeople(actor, peopleQuerySchema.parse({ q: `${tag}-001` }))).people.map((row) => row.email)).toEqual([`${tag}-001@example.com`]);
  });

  it("pages by keyset: consecutive pages of 50 in e-mail order, disjoint, ending without a next cursor", async () => {
    const actor = await admin();
    const tag = `page${unique()}`;
    await peopleNamed(tag, 123);
    const pages = await everyPage(actor, tag);
    expect(pages.map((page) => page.length)).toEqual([50, 50, 23]);
    const all = pages.flat();
    expect(new Set(all).size).toBe(123);
    expect(all).toEqual([...all].sort());
  });

  it("shows one person's organization, roles, sign-in, live tokens (never hashes) and authorized apps", async () => {
    const actor = await admin();
    const who = await person();
    await createUserSession(who.id);
    const revoked = await db.apiToken.create({ data: { userId: who.id, name: "old", tokenHash: `h-${unique()}`, expiresAt: new Date(Date.now() + 3_600_000), revokedAt: new Date() } });
    await bearerFor(who.id);
    const shown = await getPerson(actor, who.id);
    expect(shown).toMatchObject({ email: who.email, organizationRole: "owner", role: "member", status: "active", signInMethods: ["Password"], organization: { id: who.organizationId } });
    expect(shown.lastSignInAt).toBeInstanceOf(Date);
    expect(shown.apiTokens.map((token) => token.name)).toEqual(["test"]);
    expect(shown.apiTokens.some((token) => token.id === revoked.id)).toBe(false);
    expect(JSON.stringify(shown)).not.toMatch(/tokenHash|passwordHash/);
    expect(shown.authorizedApps).toMatchObject([{ name: "Test app", scopes: ["requests:read", "requests:write"] }]);
    await expect(getPerson(actor, crypto.randomUUID())).rejects.toMatchObject({ status: 404 });
    await expect(getPerson(actor, "not-an-id")).rejects.toMatchObject({ status: 404 });

    // Each way in is listed: an authenticator app, passkeys, a single sign-on identity.
    await db.user.update({ where: { id: who.id }, data: { totpEnabledAt: new Date(), secondFactorAt: new Date() } });
    for (const n of [1, 2]) await db.passkey.create({ data: { userId: who.id, credentialId: `c${n}-${unique()}`, publicKey: Buffer.from([n]), name: `key ${n}` } });
    await db.userIdentity.create({ data: { userId: who.id, issuer: "https://idp.example", subject: unique() } });
    expect((await getPerson(actor, who.id)).signInMethods).toEqual(["Password", "Authenticator app (second factor)", "2 passkeys", "Single sign-on"]);
  });
});

describe("disabling and enabling a person", () => {
  it("disabling revokes sessions, API tokens, app grants and their organization webhook endpoints, with an audit entry; enabling lets them sign in again", async () => {
    const actor = await admin();
    const who = await person();
    const session = await createUserSession(who.id);
    const { grantId } = await bearerFor(who.id);
    await db.webhookEndpoint.create({ data: { ownerId: who.id, organizationId: who.organizationId, url: "https://hooks.example/x", events: [], secretCiphertext: "x" } });

    const disabled = await changePerson(actor, who.id, "disable");
    expect(disabled).toMatchObject({ status: "disabled", revoked: { sessions: 1, apiTokens: 1, appAuthorizations: 1, webhookEndpoints: 1 } });
    expect(await actorForApiToken(who.token)).toBeNull();
    expect(await actorForSession(session)).toBeNull();
    expect((await db.oAuthGrant.findUniqueOrThrow({ where: { id: grantId! } })).revokedAt).not.toBeNull();
    expect(await db.oAuthToken.count({ where: { userId: who.id, revokedAt: null } })).toBe(0);
    expect(await db.webhookEndpoint.count({ where: { ownerId: who.id } })).toBe(0);

    const enabled = await changePerson(actor, who.id, "enable");
    expect(enabled).toMatchObject({ status: "active" });
    expect(await actorForSession(await createUserSession(who.id))).toMatchObject({ userId: who.id });
    expect(await actorForApiToken(who.token)).toBeNull(); // what disabling revoked stays revoked

    const entries = await db.auditEvent.findMany({ where: { subjectUserId: who.id }, orderBy: { createdAt: "asc" } });
    expect(entries.map((entry) => [entry.action, entry.actorId, entry.targetId, entry.fromState, entry.toState])).toEqual([
      ["user.disable", actor.userId, who.id, "active", "disabled"],
      ["user.enable", actor.userId, who.id, "disabled", "active"],
    ]);
    expect(entries[0]!.details).toMatchObject({ via: "admin", revoked: { apiTokens: 1 } });
    // Pressing Enable again changes and records nothing.
    await changePerson(actor, who.id, "enable");
    expect(await db.auditEvent.count({ where: { subjectUserId: who.id } })).toBe(2);
  });

  it("an admin cannot disable their own account", async () => {
    const actor = await admin();
    await admin(); // not the last one either
    await expect(changePerson(actor, actor.userId, "disable")).rejects.toMatchObject({ status: 409, message: expect.stringMatching(/your own account/) });
    expect((await db.user.findUniqueOrThrow({ where: { id: actor.userId } })).status).toBe("active");
  });
});

describe("making and removing admins", () => {
  it("promotes and demotes with audit entries, and never removes or disables the last active admin (409), from the pages or the CLI", async () => {
    await db.user.updateMany({ where: { role: "admin" }, data: { role: "member" } }); // this test decides who the admins are
    const first = await admin();
    const who = await person();
    await changePerson(first, who.id, "promote");
    expect((await actorForApiToken(who.token))?.role).toBe("admin");
    await changePerson(first, who.id, "demote");
    expect((await actorForApiToken(who.token))?.role).toBe("member");
    expect((await db.auditEvent.findMany({ where: { subjectUserId: who.id }, orderBy: { createdAt: "asc" } })).map((entry) => entry.action)).toEqual(["user.promote", "user.demote"]);

    // Alone: demoting themselves, or the CLI demoting or disabling them, is refused.
    await expect(changePerson(first, first.userId, "demote")).rejects.toMatchObject({ status: 409, message: expect.stringMatching(/last active platform admin/) });
    await expect(changeAccount(db, first.email, { role: "member" })).rejects.toMatchObject({ status: 409 });
    await expect(changeAccount(db, first.email, { status: "disabled" })).rejects.toMatchObject({ status: 409 });
    expect(await db.user.findUniqueOrThrow({ where: { id: first.userId } })).toMatchObject({ role: "admin", status: "active" });

    // A disabled admin does not count: with one, the active one still cannot go.
    const dormant = await admin();
    await changeAccount(db, dormant.email, { status: "disabled" });
    await expect(changePerson(first, first.userId, "demote")).rejects.toMatchObject({ status: 409 });

    // Two admins demoting each other at once: one succeeds, the other is refused.
    const second = await admin();
    const results = await Promise.allSettled([changePerson(first, second.userId, "demote"), changePerson(second, first.userId, "demote")]);
    expect(results.map((result) => result.status).sort()).toEqual(["fulfilled", "rejected"]);
    expect(await db.user.count({ where: { role: "admin", status: "active" } })).toBe(1);
    const audited = await db.auditEvent.findMany({ where: { action: "user.disable", subjectUserId: dormant.userId } });
    expect(audited).toMatchObject([{ actorId: null, details: { via: "cli" } }]);
  });
});
