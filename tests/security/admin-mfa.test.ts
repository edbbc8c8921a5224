import { Secret, TOTP } from "otpauth";
import { describe, expect, it } from "vitest";
import { person } from "@/tests/support/fixtures";
import { callRoute } from "@/tests/support/route";

// As a production deployment decides it: platform admins must have a second factor.
process.env.REQUIRE_ADMIN_MFA = "1";
const { POST: userLogin } = await import("@/app/api/timp/organizations/user-login/route");
const { GET: listRequests } = await import("@/app/api/timp/organizations/connections/request/route");
const { actorForApiToken } = await import("@/lib/auth/api-tokens");
const { confirmTotpEnrolment, disableTotp, startTotpEnrolment } = await import("@/lib/auth/factors/totp");
const { listPeople } = await import("@/lib/admin/people");

const login = (body: unknown) =>
  callRoute(userLogin, "/api/timp/organizations/user-login/", {
    method: "POST",
    headers: { "content-type": "application/json", "x-portal-client-address": `10.89.${Math.floor(Math.random() * 250)}.1` },
    body: JSON.stringify(body),
  });
const codeAt = (key: string, at: Date) => new TOTP({ secret: Secret.fromBase32(key.replace(/\s/g, "")), algorithm: "SHA1", digits: 6, period: 30 }).generate({ timestamp: at.getTime() });

describe("REQUIRE_ADMIN_MFA: admins must enrol a second factor first", () => {
  it("refuses an admin's password at the TIMP login, and an admin's token at admin work, until they enrol one", async () => {
    const admin = await person({ admin: true });
    const credentials = { username: admin.email, password: "a long test password" };
    const refused = await login(credentials);
    expect(refused.status).toBe(403);
    expect((await refused.json()).detail).toMatch(/second factor must be enrolled first/);
    const actor = (await actorForApiToken(admin.token))!;
    await expect(listPeople(actor, { q: undefined, after: undefined })).rejects.toMatchObject({ status: 403, message: expect.stringMatching(/second factor must be enrolled first/) });
    const listed = await callRoute(listRequests, "/api/timp/organizations/connections/request/", { headers: admin.auth });
    expect(listed.status).toBe(403);

    const { manualKey } = await startTotpEnrolment(actor);
    const earlier = new Date(Date.now() - 60_000);
    await confirmTotpEnrolment(actor, codeAt(manualKey, earlier), earlier);
    const enrolled = (await actorForApiToken(admin.token))!;
    await expect(listPeople(enrolled, { q: undefined, after: undefined })).resolves.toBeDefined();
    expect((await login({ ...credentials, otp: codeAt(manualKey, new Date()) })).status).toBe(200);
    // Their last factor stays while the rule is on.
    await expect(disableTotp(enrolled)).rejects.toMatchObject({ status: 409 });
  });

  it("does not touch members: they sign in with a password alone", async () => {
    const member = await person();
    expect((await login({ username: member.email, password: "a long test password" })).status).toBe(200);
    const actor = (await actorForApiToken(member.token))!;
    await disableTotp(actor); // nothing to turn off, and nothing required
  });
});
