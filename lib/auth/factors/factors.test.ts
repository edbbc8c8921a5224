import { Secret, TOTP } from "otpauth";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db/client";
import { person, type Person } from "@/tests/support/fixtures";
import { form } from "@/tests/support/forms";

// The actions run as Next.js runs them: a request's headers and a cookie store, here in memory.
const request = vi.hoisted(() => ({ cookies: new Map<string, { value: string; options?: object }>(), address: "10.77.0.1" }));
vi.mock("next/headers", () => ({
  headers: async () => new Headers({ "x-portal-client-address": request.address, "user-agent": "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36" }),
  cookies: async () => ({
    get: (name: string) => (request.cookies.has(name) ? { name, value: request.cookies.get(name)!.value } : undefined),
    set: (name: string, value: string, options?: object) => void request.cookies.set(name, { value, options }),
    delete: (name: string) => void request.cookies.delete(name),
  }),
}));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));

const { actorForApiToken } = await import("@/lib/auth/api-tokens");
const { signInAction } = await import("@/lib/auth/session-actions");
const { sessionIdFromCookie } = await import("@/lib/auth/session");
const { actorForSession } = await import("@/lib/auth/sessions");
const { verifySecondFactorAction } = await import("./sign-in-actions");
const { confirmTotpEnrolment, startTotpEnrolment, disableTotp } = await import("./totp");
const { acceptSecondFactorCode } = await import("./second-factor");

const sessionCookie = () => request.cookies.get("next-auth.session-token");
const codeAt = (key: string, at: Date) => new TOTP({ secret: Secret.fromBase32(key.replace(/\s/g, "")), algorithm: "SHA1", digits: 6, period: 30 }).generate({ timestamp: at.getTime() });

/** A person with an authenticator app turned on: its key, and their recovery codes. */
async function withTotp(): Promise<{ who: Person; key: string; recoveryCodes: string[] }> {
  const who = await person();
  const actor = (await actorForApiToken(who.token))!;
  const { manualKey, qrCode } = await startTotpEnrolment(actor);
  expect(manualKey).toMatch(/^[A-Z2-7]{4}( [A-Z2-7]{1,4})+$/);
  expect(qrCode).toMatch(/^data:image\/svg\+xml;base64,/);
  // A minute ago, so the codes the tests type now are later steps, never the one spent here.
  const recoveryCodes = await confirmTotpEnrolment(actor, codeAt(manualKey, new Date(Date.now() - 60_000)), new Date(Date.now() - 60_000));
  return { who, key: manualKey, recoveryCodes };
}

beforeEach(() => {
  request.cookies.clear();
  request.address = `10.77.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;
});

describe("an authenticator app as the second factor", () => {
  it("is turned on only by a right first code, and gives ten recovery codes kept as hashes", async () => {
    const who = await person();
    const actor = (await actorForApiToken(who.token))!;
    const { manualKey } = await startTotpEnrolment(actor);
    await expect(confirmTotpEnrolment(actor, "000000")).rejects.toMatchObject({ status: 400, fieldErrors: { code: [expect.any(String)] } });
    expect((await actorForApiToken(who.token))!.hasSecondFactor).toBe(false);
    const codes = await confirmTotpEnrolment(actor, codeAt(manualKey, new Date()));
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    const stored = await db.recoveryCode.findMany({ where: { userId: who.id } });
    expect(stored).toHaveLength(10);
    for (const code of codes) expect(JSON.stringify(stored)).not.toContain(code.replace("-", ""));
    const user = await db.user.findUniqueOrThrow({ where: { id: who.id } });
    expect(user.totpSecretCiphertext).not.toContain(manualKey.replace(/\s/g, ""));
    expect((await actorForApiToken(who.token))!.hasSecondFactor).toBe(true);
  });

  it("accepts a code once, a recovery code once, and nothing else", async () => {
    const { who, key, recoveryCodes } = await withTotp();
    const now = new Date();
    const code = codeAt(key, now);
    expect(await acceptSecondFactorCode(who.id, code, now)).toBe("totp");
    expect(await acceptSecondFactorCode(who.id, code, now)).toBeNull();
    // A code from before the one used cannot be used after it either.
    expect(await acceptSecondFactorCode(who.id, codeAt(key, new Date(now.getTime() - 30_000)), now)).toBeNull();
    expect(await acceptSecondFactorCode(who.id, recoveryCodes[0]!.toUpperCase(), now)).toBe("recovery");
    expect(await acceptSecondFactorCode(who.id, recoveryCodes[0]!, now)).toBeNull();
    expect(await acceptSecondFactorCode(who.id, "not-a-code", now)).toBeNull();
  });

  it("signs in in two steps: the password starts no session, the code does; the code step is limited per account", async () => {
    const { who, key } = await withTotp();
    const first = await signInAction(null, form({ email: who.email, password: "a long test password", returnTo: "/connections" }));
    expect(first).toEqual({ ok: true, returnTo: "/signin/verify?callbackUrl=%2Fconnections" });
    expect(sessionCookie()).toBeUndefined();

    expect(await verifySecondFactorAction(null, form({ code: "123456" }))).toMatchObject({ ok: false, fieldErrors: { code: ["That code is not right, or was already used."] } });
    expect(sessionCookie()).toBeUndefined();
    const done = await verifySecondFactorAction(null, form({ code: codeAt(key, new Date()) }));
    expect(done).toEqual({ ok: true, returnTo: "/connections" });
    const sessionId = await sessionIdFromCookie(sessionCookie()!.value);
    expect((await actorForSession(sessionId!))?.userId).toBe(who.id);
    const session = await db.userSession.findUniqueOrThrow({ where: { id: sessionId! } });
    expect(session).toMatchObject({ ipAddress: request.address, method: "password" });
    // The waiting step is spent: its cookie is gone and a second "Verify" has nothing to complete.
    expect(await verifySecondFactorAction(null, form({ code: codeAt(key, new Date()) }))).toMatchObject({ ok: false, message: expect.stringMatching(/expired/) });

    request.cookies.clear();
    await signInAction(null, form({ email: who.email, password: "a long test password", returnTo: "/" }));
    const outcomes = [];
    for (let attempt = 0; attempt < 6; attempt++) outcomes.push(await verifySecondFactorAction(null, form({ code: "000000" })));
    expect(outcomes.at(-1)).toMatchObject({ ok: false, message: "Too many attempts. Wait a few minutes and try again." });
  });

  it("turning it off leaves no second factor and ends its recovery codes", async () => {
    const { who, recoveryCodes } = await withTotp();
    await disableTotp((await actorForApiToken(who.token))!);
    expect((await actorForApiToken(who.token))!.hasSecondFactor).toBe(false);
    expect(await acceptSecondFactorCode(who.id, recoveryCodes[1]!)).toBeNull();
    expect(await signInAction(null, form({ email: who.email, password: "a long test password", returnTo: "/" }))).toEqual({ ok: true, returnTo: "/" });
  });
});
