import { describe, expect, it, vi } from "vitest";
import { actorForSession, createUserSession } from "@/lib/auth/sessions";
import { actorForApiToken } from "@/lib/auth/api-tokens";
import { db } from "@/lib/db/client";
import { bearerFor, person, unique } from "@/tests/support/fixtures";
import { form } from "@/tests/support/forms";

// E-mail is "available" (queued, never sent here): the outbox rows are what the person would get.
// The actions read the client address from the request headers, here set per test.
const request = vi.hoisted(() => {
  process.env.SMTP_URL = "smtp://127.0.0.1:9";
  return { address: "10.77.0.1" };
});
vi.mock("next/headers", () => ({ headers: async () => new Headers({ "x-portal-client-address": request.address }) }));
vi.mock("next/navigation", () => ({
  redirect: (to: string) => {
    throw Object.assign(new Error("NEXT_REDIRECT"), { to });
  },
}));

const { forgotPasswordAction, registerAction, resetPasswordAction } = await import("./account-actions");

const mailsTo = (to: string) => db.emailDelivery.findMany({ where: { to }, orderBy: { createdAt: "asc" } });
const newAddress = () => `10.77.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;
const register = (fields: Record<string, string>) => registerAction(null, form({ password: "a long enough password", firstName: "Reg", lastName: "", ...fields }));

describe("registration tells nobody which addresses or organizations exist", () => {
  it("answers a taken organization name exactly like a new account, and mails the address why", async () => {
    request.address = newAddress();
    const [fresh, other] = [`fresh-${unique()}@example.com`, `other-${unique()}@example.com`];
    const organizationName = `Taken ${unique()}`;
    const first = await register({ email: fresh, organizationName });
    expect(first).toEqual({ ok: true, message: `Check your e-mail: we sent a message to ${fresh} with what to do next.` });

    const second = await register({ email: other, organizationName: organizationName.toUpperCase() });
    expect(second).toEqual({ ok: true, message: `Check your e-mail: we sent a message to ${other} with what to do next.` });
    expect(await db.user.count({ where: { email: other } })).toBe(0);
    const [note] = await mailsTo(other);
    expect(note).toMatchObject({ subject: "That organization is already registered" });
    expect(note!.text).toContain(`for the organization "${organizationName.toUpperCase()}", which is already registered on Crux Requests. Ask its owners to invite you (Settings → Team), or register again with another organization name.`);
    expect(note!.text).toContain("http://localhost:3000/register");
    expect(await mailsTo(other)).toHaveLength(1);
  });

  it("answers an address that has an account exactly like a new one; only that address is told", async () => {
    request.address = newAddress();
    const owner = await person();
    const taken = await register({ email: owner.email, organizationName: `Org ${unique()}` });
    const fresh = `fresh-${unique()}@example.com`;
    const made = await register({ email: fresh });
    expect(taken).toEqual({ ok: true, message: `Check your e-mail: we sent a message to ${owner.email} with what to do next.` });
    expect(made).toEqual({ ok: true, message: `Check your e-mail: we sent a message to ${fresh} with what to do next.` });
    expect(await db.user.count({ where: { email: owner.email } })).toBe(1);
    const notes = await mailsTo(owner.email);
    expect(notes.map((mail) => mail.subject)).toEqual(["You already have an account"]);
    expect(notes[0]!.text).toContain("Sign in, or choose a new password if you forgot it.");
    expect((await mailsTo(fresh)).map((mail) => mail.subject)).toEqual(["Confirm your e-mail address"]);
  });
});

describe("forgot password", () => {
  it("answers the same whether or not the address has an account, and takes as long", async () => {
    request.address = newAddress();
    const owner = await person();
    const nobody = `nobody-${unique()}@example.com`;
    const timed = async (email: string) => {
      const started = performance.now();
      const state = await forgotPasswordAction(null, form({ email }));
      return { state, ms: performance.now() - started };
    };
    const known = await timed(owner.email);
    const unknown = await timed(nobody);
    expect(known.state).toEqual({ ok: true, message: `If ${owner.email} has an account, we sent it a link to choose a new password. It works once, within an hour.` });
    expect(unknown.state).toEqual({ ok: true, message: `If ${nobody} has an account, we sent it a link to choose a new password. It works once, within an hour.` });
    // Both wait for the same floor (250 ms), far above the difference a link and a mail make.
    expect(unknown.ms).toBeGreaterThanOrEqual(245);
    expect(known.ms).toBeGreaterThanOrEqual(245);
    expect((await mailsTo(owner.email)).map((mail) => mail.subject)).toEqual(["Choose a new password"]);
    expect(await mailsTo(nobody)).toEqual([]);
  });

  it("still mails the owner a link from their usual address after strangers used up the e-mail's shared budget", async () => {
    const owner = await person();
    await db.user.update({ where: { id: owner.id }, data: { emailVerifiedAt: new Date() } });
    const { verifyCredentials } = await import("@/lib/auth/options");
    await verifyCredentials({ email: owner.email, password: "a long test password" }, { "x-portal-client-address": "203.0.113.9" });

    const answers = [];
    for (let n = 0; n < 12; n++) {
      request.address = `192.0.2.${n}`;
      answers.push((await forgotPasswordAction(null, form({ email: owner.email })))?.ok);
    }
    expect(answers.slice(0, 10).every(Boolean)).toBe(true); // the e-mail's shared budget: 10 an hour
    expect(answers.slice(10)).toEqual([false, false]);
    const before = (await mailsTo(owner.email)).length;
    request.address = "203.0.113.9";
    expect(await forgotPasswordAction(null, form({ email: owner.email }))).toMatchObject({ ok: true });
    expect(await mailsTo(owner.email)).toHaveLength(before + 1);
  });
});

describe("a password reset", () => {
  it("ends every session, API token and app authorization, keeps webhook endpoints, and says what it ended", async () => {
    request.address = newAddress();
    const owner = await person(); // holds one API token already
    const other = await person();
    const sessions = [await createUserSession(owner.id), await createUserSession(owner.id)];
    const otherSession = await createUserSession(other.id);
    const settingsToken = await db.apiToken.create({
      data: { userId: owner.id, name: "made on the settings page", tokenHash: `hash-${unique()}`, expiresAt: new Date(Date.now() + 86_400_000) },
    });
    await db.apiToken.create({ data: { userId: owner.id, name: "user-login", tokenHash: `hash-${unique()}`, expiresAt: new Date(Date.now() + 86_400_000) } });
    const app = await bearerFor(owner.id);
    const code = await db.oAuthAuthorizationCode.create({
      data: { codeHash: `code-${unique()}`, clientId: app.clientId, userId: owner.id, grantId: app.grantId, redirectUri: "https://app.example/callback", scopes: [], codeChallenge: "x", codeChallengeMethod: "S256", expiresAt: new Date(Date.now() + 600_000) },
    });
    const webhook = await db.webhookEndpoint.create({
      data: { ownerId: owner.id, organizationId: owner.organizationId, url: "https://hooks.example/crux", events: ["connection_request.approved"], secretCiphertext: "k2.x" },
    });

    await forgotPasswordAction(null, form({ email: owner.email }));
    const link = (await mailsTo(owner.email)).at(-1)!.text.match(/Open it: (\S+)/)![1]!;
    const token = new URL(link).searchParams.get("token")!;
    const state = await resetPasswordAction(null, form({ token, password: "a brand new password" }));

    expect(state).toEqual({ ok: true, message: "Your new password is set. Signed out 2 sessions, revoked 3 API tokens and 1 app authorization." });
    for (const session of sessions) expect(await actorForSession(session)).toBeNull();
    expect(await actorForApiToken(owner.token)).toBeNull();
    expect(await db.apiToken.count({ where: { userId: owner.id, revokedAt: null } })).toBe(0);
    expect((await db.apiToken.findUniqueOrThrow({ where: { id: settingsToken.id } })).revokedAt).not.toBeNull();
    expect((await db.oAuthGrant.findUniqueOrThrow({ where: { id: app.grantId! } })).revokedAt).not.toBeNull();
    expect(await db.oAuthToken.count({ where: { userId: owner.id, revokedAt: null } })).toBe(0);
    expect((await db.oAuthAuthorizationCode.findUniqueOrThrow({ where: { id: code.id } })).expiresAt.getTime()).toBeLessThanOrEqual(Date.now());
    expect(await db.webhookEndpoint.findUniqueOrThrow({ where: { id: webhook.id } })).toMatchObject({ disabledAt: null, url: webhook.url });
    // Somebody else's credentials are untouched.
    expect(await actorForSession(otherSession)).not.toBeNull();
    expect(await actorForApiToken(other.token)).toMatchObject({ userId: other.id });
  });

  it("says so when there was nothing to end", async () => {
    request.address = newAddress();
    const email = `bare-${unique()}@example.com`;
    const { createAccount } = await import("./accounts");
    await createAccount(db, { email, password: "a long enough password", firstName: "B", lastName: "", role: "member", organizationType: "retailer" }, { joinExisting: false });
    await forgotPasswordAction(null, form({ email }));
    const token = new URL((await mailsTo(email)).at(-1)!.text.match(/Open it: (\S+)/)![1]!).searchParams.get("token")!;
    expect(await resetPasswordAction(null, form({ token, password: "a brand new password" }))).toEqual({
      ok: true,
      message: "Your new password is set. Signed out no sessions, revoked no API tokens and no app authorizations.",
    });
  });
});
