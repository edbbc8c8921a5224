import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { person, unique } from "@/tests/support/fixtures";
import { resolveSsoAccount } from "./sso";

const issuer = "https://idp.example";

describe("whose account a single sign-on opens", () => {
  it("links an existing account only when the provider verified its address, and keeps the link", async () => {
    const who = await person();
    expect(await resolveSsoAccount(issuer, { sub: `s-${unique()}`, email: who.email, email_verified: false })).toEqual({ refusal: "SsoEmailUnverified" });
    expect(await db.userIdentity.count({ where: { userId: who.id } })).toBe(0);
    const sub = `s-${unique()}`;
    expect(await resolveSsoAccount(issuer, { sub, email: who.email.toUpperCase(), email_verified: true })).toEqual({ userId: who.id });
    // Next time the subject decides, whatever the address says.
    expect(await resolveSsoAccount(issuer, { sub, email: "changed@example.com", email_verified: false })).toEqual({ userId: who.id });
    // The same subject at another issuer is someone else.
    expect(await resolveSsoAccount("https://other.example", { sub, email: who.email, email_verified: false })).toEqual({ refusal: "SsoEmailUnverified" });
  });

  it("makes a new person without an organization for an unknown address, verified or not", async () => {
    const email = `sso-${unique()}@example.com`;
    const made = await resolveSsoAccount(issuer, { sub: `s-${unique()}`, email, email_verified: true, given_name: "Sol", family_name: "Sign" });
    expect(made).toEqual({ userId: expect.any(String) });
    const user = await db.user.findUniqueOrThrow({ where: { email } });
    expect(user).toMatchObject({ organizationId: null, role: "member", firstName: "Sol", lastName: "Sign" });
    expect(user.emailVerifiedAt).not.toBeNull();
    const unverified = `sso-${unique()}@example.com`;
    await resolveSsoAccount(issuer, { sub: `s-${unique()}`, email: unverified, email_verified: false, name: "Una Verified" });
    expect(await db.user.findUniqueOrThrow({ where: { email: unverified } })).toMatchObject({ emailVerifiedAt: null, firstName: "Una", lastName: "Verified" });
  });

  it("refuses a provider that gives no address, and a disabled account", async () => {
    expect(await resolveSsoAccount(issuer, { sub: `s-${unique()}` })).toEqual({ refusal: "SsoNoEmail" });
    const who = await person();
    await db.user.update({ where: { id: who.id }, data: { status: "disabled" } });
    expect(await resolveSsoAccount(issuer, { sub: `s-${unique()}`, email: who.email, email_verified: true })).toEqual({ refusal: "SsoDisabled" });
  });
});
