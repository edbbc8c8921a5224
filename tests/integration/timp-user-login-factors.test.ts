import { Secret, TOTP } from "otpauth";
import { describe, expect, it } from "vitest";
import { GET as listRequests } from "@/app/api/timp/organizations/connections/request/route";
import { POST } from "@/app/api/timp/organizations/user-login/route";
import { actorForApiToken } from "@/lib/auth/api-tokens";
import { confirmTotpEnrolment, startTotpEnrolment } from "@/lib/auth/factors/totp";
import { person } from "@/tests/support/fixtures";
import { callRoute } from "@/tests/support/route";

const login = (body: unknown) =>
  callRoute(POST, "/api/timp/organizations/user-login/", {
    method: "POST",
    headers: { "content-type": "application/json", "x-portal-client-address": `10.88.${Math.floor(Math.random() * 250)}.1` },
    body: JSON.stringify(body),
  });
const codeAt = (key: string, at: Date) => new TOTP({ secret: Secret.fromBase32(key.replace(/\s/g, "")), algorithm: "SHA1", digits: 6, period: 30 }).generate({ timestamp: at.getTime() });

describe("POST /timp/organizations/user-login/ for an account with a second factor", () => {
  it("refuses the password alone with 403 naming otp and API tokens; takes a current code or a recovery code, each once", async () => {
    const who = await person();
    const actor = (await actorForApiToken(who.token))!;
    const { manualKey } = await startTotpEnrolment(actor);
    const earlier = new Date(Date.now() - 60_000);
    const [recovery] = await confirmTotpEnrolment(actor, codeAt(manualKey, earlier), earlier);
    const credentials = { username: who.email, password: "a long test password" };

    const bare = await login(credentials);
    expect(bare.status).toBe(403);
    const { detail } = await bare.json();
    expect(detail).toContain('"otp"');
    expect(detail).toContain("API token");

    expect((await login({ ...credentials, otp: "000000" })).status).toBe(401);
    expect((await login({ ...credentials, password: "wrong password!", otp: codeAt(manualKey, new Date()) })).status).toBe(401);
    const code = codeAt(manualKey, new Date());
    const good = await login({ ...credentials, otp: code });
    expect(good.status).toBe(200);
    const { auth_token } = await good.json();
    expect((await callRoute(listRequests, "/api/timp/organizations/connections/request/", { headers: { authorization: `Token ${auth_token}` } })).status).toBe(200);
    expect((await login({ ...credentials, otp: code })).status).toBe(401);

    expect((await login({ ...credentials, otp: recovery })).status).toBe(200);
    expect((await login({ ...credentials, otp: recovery })).status).toBe(401);
    expect((await login({ ...credentials, otp: 12 })).status).toBe(400);
  });

  it("leaves accounts without a second factor as they were: otp is ignored", async () => {
    const who = await person();
    expect((await login({ username: who.email, password: "a long test password" })).status).toBe(200);
    expect((await login({ username: who.email, password: "a long test password", otp: "123456" })).status).toBe(200);
  });
});
