import { beforeEach, describe, expect, it, vi } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { actorForApiToken } from "@/lib/auth/api-tokens";
import { createUserSession } from "@/lib/auth/sessions";
import { db } from "@/lib/db/client";
import { person, type Person } from "@/tests/support/fixtures";
import { form } from "@/tests/support/forms";

// The Security tab's actions are public POST endpoints: each touches only the caller's own
// factors and sessions, whoever calls it with whatever ids.
const session = vi.hoisted(() => ({ actor: null as Actor | null }));
vi.mock("@/lib/auth/session", () => ({ getActor: async () => session.actor }));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));

const actions = await import("@/lib/auth/factors/security-actions");

const as = async (who: Person | null) => {
  session.actor = who && (await actorForApiToken(who.token));
};

/** Someone with a passkey and two browsers signed in. */
async function victim() {
  const who = await person();
  const passkey = await db.passkey.create({ data: { userId: who.id, credentialId: `cred-${who.id}`, publicKey: Buffer.from([1, 2, 3]), name: "Theirs" } });
  await db.user.update({ where: { id: who.id }, data: { secondFactorAt: new Date() } });
  const sessions = [await createUserSession(who.id), await createUserSession(who.id)];
  return { who, passkey, sessions };
}

const snapshot = async (userId: string) => ({
  passkeys: await db.passkey.findMany({ where: { userId }, select: { id: true, name: true } }),
  sessions: await db.userSession.count({ where: { userId, revokedAt: null } }),
  user: await db.user.findUniqueOrThrow({ where: { id: userId }, select: { secondFactorAt: true, totpEnabledAt: true, totpSecretCiphertext: true } }),
});

describe("Security tab actions touch only the caller's own factors and sessions", () => {
  beforeEach(() => {
    session.actor = null;
  });

  it("another member, another organization's owner, an admin and anonymous callers change nothing of someone else's", async () => {
    const { who, passkey, sessions } = await victim();
    const before = await snapshot(who.id);
    const colleague = await person({ organizationName: (await db.organization.findUniqueOrThrow({ where: { id: who.organizationId! } })).name });
    for (const caller of [null, colleague, await person(), await person({ admin: true })]) {
      await as(caller);
      for (const sessionId of sessions) expect(await actions.endSessionAction(null, form({ sessionId }))).toMatchObject({ ok: false });
      expect(await actions.removePasskeyAction(null, form({ passkeyId: passkey.id }))).toMatchObject({ ok: false });
      expect(await actions.renamePasskeyAction(null, form({ passkeyId: passkey.id, name: "Mine now" }))).toMatchObject({ ok: false });
      expect(await actions.disableTotpAction(null, form({ code: "123456" }))).toMatchObject({ ok: false });
      if (caller === null) {
        expect(await actions.passkeyRegistrationOptionsAction()).toBeNull();
        expect(await actions.startTotpEnrolmentAction()).toEqual({ error: "Your session has ended. Sign in again." });
      }
    }
    expect(await snapshot(who.id)).toEqual(before);
  });

  it("the owner ends their own other session, renames and removes their own passkey", async () => {
    const { who, passkey, sessions } = await victim();
    await as(who);
    expect(await actions.endSessionAction(null, form({ sessionId: sessions[0]! }))).toEqual({ ok: true, message: "That browser is signed out." });
    expect(await actions.renamePasskeyAction(null, form({ passkeyId: passkey.id, name: "Laptop" }))).toMatchObject({ ok: true });
    expect(await actions.removePasskeyAction(null, form({ passkeyId: passkey.id }))).toMatchObject({ ok: true });
    const after = await snapshot(who.id);
    expect(after).toMatchObject({ passkeys: [], sessions: 1, user: { secondFactorAt: null } });
  });

  it("names the field of bad input", async () => {
    const { who } = await victim();
    await as(who);
    expect(await actions.endSessionAction(null, form({ sessionId: "nope" }))).toMatchObject({ ok: false, fieldErrors: { sessionId: ["Choose a session."] } });
    expect(await actions.renamePasskeyAction(null, form({ passkeyId: crypto.randomUUID(), name: "" }))).toMatchObject({ ok: false, fieldErrors: { name: ["Name the passkey."] } });
    expect(await actions.confirmTotpAction(null, form({ code: "12ab" }))).toMatchObject({ ok: false, fieldErrors: { code: ["Enter the 6 digits your app shows."] } });
    expect(await actions.registerPasskeyAction("x", { id: "a" } as never, "x".repeat(61))).toMatchObject({ ok: false, fieldErrors: { name: ["At most 60 characters."] } });
  });
});
