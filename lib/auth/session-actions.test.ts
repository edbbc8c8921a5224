import { beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db/client";
import { person } from "@/tests/support/fixtures";
import { form } from "@/tests/support/forms";

// The actions run as Next.js runs them: a request's headers and a cookie store, here in memory.
const request = vi.hoisted(() => ({ cookies: new Map<string, { value: string; options?: object }>(), address: "10.9.0.1" }));
vi.mock("next/headers", () => ({
  headers: async () => new Headers({ "x-portal-client-address": request.address }),
  cookies: async () => ({
    get: (name: string) => (request.cookies.has(name) ? { name, value: request.cookies.get(name)!.value } : undefined),
    set: (name: string, value: string, options?: object) => void request.cookies.set(name, { value, options }),
    delete: (name: string) => void request.cookies.delete(name),
  }),
}));
vi.mock("next/navigation", () => ({
  redirect: (to: string) => {
    throw Object.assign(new Error("NEXT_REDIRECT"), { to });
  },
}));

const { signInAction, signOutAction } = await import("./session-actions");
const { sessionIdFromCookie } = await import("./session");
const { actorForSession } = await import("./sessions");

const cookie = () => request.cookies.get("next-auth.session-token");

beforeEach(() => request.cookies.clear());

describe("signing in and out of the portal", () => {
  it("sets the session cookie on the right password only, and returns to a same-site path", async () => {
    const who = await person();
    await db.user.update({ where: { id: who.id }, data: { emailVerifiedAt: new Date() } });
    expect(await signInAction(null, form({ email: who.email, password: "wrong password!", returnTo: "/connections" }))).toEqual({
      ok: false,
      message: "The e-mail address or password is not right.",
      fieldErrors: {},
    });
    expect(cookie()).toBeUndefined();

    expect(await signInAction(null, form({ email: who.email, password: "a long test password", returnTo: "//evil.example/" }))).toEqual({ ok: true, returnTo: "/" });
    expect(cookie()?.options).toMatchObject({ httpOnly: true, sameSite: "lax", path: "/", secure: false });
    const sessionId = await sessionIdFromCookie(cookie()!.value);
    expect((await actorForSession(sessionId!))?.userId).toBe(who.id);
  });

  it("signing out ends the session in the database, so a copied cookie stops working", async () => {
    const who = await person();
    await db.user.update({ where: { id: who.id }, data: { emailVerifiedAt: new Date() } });
    await signInAction(null, form({ email: who.email, password: "a long test password", returnTo: "/" }));
    const sessionId = (await sessionIdFromCookie(cookie()!.value))!;
    await expect(signOutAction()).rejects.toMatchObject({ to: "/signin" });
    expect(cookie()).toBeUndefined();
    expect(await actorForSession(sessionId)).toBeNull();
  });

  it("is rate limited per account before any password is checked", async () => {
    const who = await person();
    request.address = "10.9.0.2";
    const attempts = [];
    for (let attempt = 0; attempt < 11; attempt++) attempts.push(await signInAction(null, form({ email: who.email, password: "wrong password!" })));
    expect(attempts.at(-1)).toMatchObject({ ok: false, message: "Too many attempts. Wait a few minutes and try again." });
  });
});
