import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { createAccount } from "@/lib/users/accounts";
import { person, unique } from "@/tests/support/fixtures";
import { claimSweep, invitationRetentionMs, sweepExpiredRows, type SweepPeriods } from "./sweep";

const hour = 3_600_000;
const day = 24 * hour;
const periods: SweepPeriods = { credentialGraceMs: 7 * day, idempotencyKeyMs: day, unattachedUploadMs: day, deliveryLogMs: 30 * day, eventMs: 365 * day, unverifiedAccountGraceMs: 7 * day };
// Every test sweeps "now" on a clock of its own, far enough apart that each sees only its rows.
const clock = (offsetDays: number) => new Date(Date.UTC(2030, 0, 1) + offsetDays * day);
const ago = (now: Date, ms: number) => new Date(now.getTime() - ms);
const minute = 60_000;

async function exists(model: { count: (args: { where: { id: string } }) => Promise<number> }, id: string) {
  return (await model.count({ where: { id } })) === 1;
}

describe("the housekeeping sweep", () => {
  it("deletes sessions and API tokens expired or revoked longer than the grace period, and no others", async () => {
    const now = clock(0);
    const who = await person();
    const session = (expiresAt: Date) => db.userSession.create({ data: { userId: who.id, expiresAt } });
    const token = (data: { expiresAt: Date; revokedAt?: Date }) =>
      db.apiToken.create({ data: { userId: who.id, name: "t", tokenHash: unique() + unique(), ...data } });
    const oldSession = await session(ago(now, periods.credentialGraceMs + minute));
    const recentSession = await session(ago(now, periods.credentialGraceMs - minute));
    const oldToken = await token({ expiresAt: ago(now, periods.credentialGraceMs + minute) });
    const revokedLongAgo = await token({ expiresAt: new Date(now.getTime() + day), revokedAt: ago(now, periods.credentialGraceMs + minute) });
    const revokedRecently = await token({ expiresAt: new Date(now.getTime() + day), revokedAt: ago(now, hour) });
    const recentToken = await token({ expiresAt: ago(now, periods.credentialGraceMs - minute) });

    await sweepExpiredRows(now, periods);

    expect(await exists(db.userSession, oldSession.id)).toBe(false);
    expect(await exists(db.userSession, recentSession.id)).toBe(true);
    expect(await exists(db.apiToken, oldToken.id)).toBe(false);
    expect(await exists(db.apiToken, revokedLongAgo.id)).toBe(false);
    expect(await exists(db.apiToken, revokedRecently.id)).toBe(true);
    expect(await exists(db.apiToken, recentToken.id)).toBe(true);
  });

  it("deletes sign-in challenges after the grace period, and team invitations once ended long ago", async () => {
    const now = clock(5);
    const who = await person();
    const challenge = (expiresAt: Date) => db.authChallenge.create({ data: { purpose: "passkey_sign_in", challenge: unique(), expiresAt } });
    const oldChallenge = await challenge(ago(now, periods.credentialGraceMs + minute));
    const recentChallenge = await challenge(ago(now, periods.credentialGraceMs - minute));
    const invitation = (data: { expiresAt: Date; acceptedAt?: Date }) =>
      db.teamInvitation.create({ data: { organizationId: who.organizationId!, email: `${unique()}@example.com`, tokenHash: unique() + unique(), ...data } });
    const endedLongAgo = await invitation({ expiresAt: ago(now, invitationRetentionMs + minute) });
    const acceptedLongAgo = await invitation({ expiresAt: new Date(now.getTime() + day), acceptedAt: ago(now, invitationRetentionMs + minute) });
    const open = await invitation({ expiresAt: new Date(now.getTime() + day) });

    await sweepExpiredRows(now, periods);

    expect(await exists(db.authChallenge, oldChallenge.id)).toBe(false);
    expect(await exists(db.authChallenge, recentChallenge.id)).toBe(true);
    expect(await exists(db.teamInvitation, endedLongAgo.id)).toBe(false);
    expect(await exists(db.teamInvitation, acceptedLongAgo.id)).toBe(false);
    expect(await exists(db.teamInvitation, open.id)).toBe(true);
  });

  it("keeps an OAuth token family, rotated refresh tokens and its code included, while any member works", async () => {
    const now = clock(10);
    const who = await person();
    const client = await db.oAuthClient.create({
      data: { clientId: `c-${unique()}`, name: "App", ownerId: who.id, type: "public", redirectUris: ["https://app.example/cb"] },
    });
    const code = (expiresAt: Date) =>
      db.oAuthAuthorizationCode.create({
        data: {
          codeHash: unique() + unique(), clientId: client.id, userId: who.id, redirectUri: "https://app.example/cb",
          scopes: [], codeChallenge: "x", codeChallengeMethod: "S256", expiresAt, usedAt: expiresAt,
        },
      });
    const token = (familyId: string, codeId: string, data: { expiresAt: Date; rotatedAt?: Date; revokedAt?: Date }) =>
      db.oAuthToken.create({
        data: { kind: "refresh", tokenHash: unique() + unique(), clientId: client.id, userId: who.id, familyId, codeId, scopes: [], ...data },
      });
    const longExpired = ago(now, periods.credentialGraceMs + minute);

    // A live family: its first refresh token was rotated and expired long ago, the newest works.
    const liveFamily = crypto.randomUUID();
    const liveCode = await code(longExpired);
    const rotated = await token(liveFamily, liveCode.id, { expiresAt: longExpired, rotatedAt: longExpired });
    const current = await token(liveFamily, liveCode.id, { expiresAt: new Date(now.getTime() + day) });
    // A dead family: every token expired or was revoked longer than the grace period ago.
    const deadFamily = crypto.randomUUID();
    const deadCode = await code(longExpired);
    const deadTokens = [
      await token(deadFamily, deadCode.id, { expiresAt: longExpired }),
      await token(deadFamily, deadCode.id, { expiresAt: new Date(now.getTime() + day), revokedAt: longExpired }),
    ];
    // A family that stopped working recently stays for the grace period.
    const recentFamily = crypto.randomUUID();
    const recentCode = await code(longExpired);
    const recent = await token(recentFamily, recentCode.id, { expiresAt: ago(now, hour) });
    // A code that never produced a token goes once expired beyond the grace period.
    const unusedCode = await code(longExpired);
    const freshCode = await code(ago(now, minute));

    await sweepExpiredRows(now, periods);

    expect(await exists(db.oAuthToken, rotated.id)).toBe(true);
    expect(await exists(db.oAuthToken, current.id)).toBe(true);
    expect(await exists(db.oAuthAuthorizationCode, liveCode.id)).toBe(true);
    for (const dead of deadTokens) expect(await exists(db.oAuthToken, dead.id)).toBe(false);
    expect(await exists(db.oAuthAuthorizationCode, deadCode.id)).toBe(false);
    expect(await exists(db.oAuthToken, recent.id)).toBe(true);
    expect(await exists(db.oAuthAuthorizationCode, recentCode.id)).toBe(true);
    expect(await exists(db.oAuthAuthorizationCode, unusedCode.id)).toBe(false);
    expect(await exists(db.oAuthAuthorizationCode, freshCode.id)).toBe(true);
  });

  it("forgets Idempotency-Keys after their period and expired rate-limit counters at once", async () => {
    const now = clock(20);
    const key = (createdAt: Date) =>
      db.idempotencyKey.create({ data: { scope: `s-${unique()}`, key: "k", requestHash: "h", responseStatus: 201, responseBody: {}, createdAt } });
    const oldKey = await key(ago(now, periods.idempotencyKeyMs + minute));
    const recentKey = await key(ago(now, periods.idempotencyKeyMs - minute));
    const counter = (expire: Date) => db.rateLimiterFlexible.create({ data: { key: `test:${unique()}`, points: 1, expire } });
    const expired = await counter(ago(now, 1000));
    const running = await counter(new Date(now.getTime() + 1000));

    await sweepExpiredRows(now, periods);

    expect(await exists(db.idempotencyKey, oldKey.id)).toBe(false);
    expect(await exists(db.idempotencyKey, recentKey.id)).toBe(true);
    expect(await db.rateLimiterFlexible.count({ where: { key: expired.key } })).toBe(0);
    expect(await db.rateLimiterFlexible.count({ where: { key: running.key } })).toBe(1);
  });

  it("deletes uploads never attached to a request after their period, never attached ones", async () => {
    const now = clock(30);
    const who = await person();
    const upload = (createdAt: Date) =>
      db.uploadedFile.create({
        data: { organizationId: who.organizationId!, name: "a.csv", contentType: "text/csv", size: 1, sha256: "x", content: Buffer.from("a"), createdAt },
      });
    const oldLoose = await upload(ago(now, periods.unattachedUploadMs + minute));
    const recentLoose = await upload(ago(now, periods.unattachedUploadMs - minute));
    const oldAttached = await upload(ago(now, periods.unattachedUploadMs + day));
    const request = await db.connectionRequest.create({
      data: { organizationId: who.organizationId!, supplierName: "S", contactFullName: "C", files: { create: { fileId: oldAttached.id } } },
    });

    await sweepExpiredRows(now, periods);

    expect(await exists(db.uploadedFile, oldLoose.id)).toBe(false);
    expect(await exists(db.uploadedFile, recentLoose.id)).toBe(true);
    expect(await exists(db.uploadedFile, oldAttached.id)).toBe(true);
    expect(await db.connectionRequestFile.count({ where: { connectionRequestId: request.id } })).toBe(1);
  });

  it("keeps the e-mail log for its period, and undelivered mail for ever", async () => {
    const now = clock(35);
    const mail = (status: "sent" | "failed" | "pending", createdAt: Date) =>
      db.emailDelivery.create({ data: { to: "a@example.com", subject: "s", text: "t", html: "h", status, createdAt } });
    const oldSent = await mail("sent", ago(now, periods.deliveryLogMs + minute));
    const oldFailed = await mail("failed", ago(now, periods.deliveryLogMs + minute));
    const recentSent = await mail("sent", ago(now, periods.deliveryLogMs - minute));
    const oldPending = await mail("pending", ago(now, periods.deliveryLogMs + day));

    await sweepExpiredRows(now, periods);

    expect(await exists(db.emailDelivery, oldSent.id)).toBe(false);
    expect(await exists(db.emailDelivery, oldFailed.id)).toBe(false);
    expect(await exists(db.emailDelivery, recentSent.id)).toBe(true);
    expect(await exists(db.emailDelivery, oldPending.id)).toBe(true);
  });

  it("keeps the webhook delivery log for its period, a disabled endpoint's held backlog too, and pending deliveries for ever", async () => {
    const now = clock(36);
    const who = await person();
    const endpoint = await db.webhookEndpoint.create({ data: { ownerId: who.id, organizationId: who.organizationId, url: "https://hooks.example/x", events: [], secretCiphertext: "x" } });
    const delivery = (status: "sent" | "failed" | "held" | "pending", createdAt: Date) =>
      db.webhookDelivery.create({ data: { endpointId: endpoint.id, type: "webhook.test", payload: "{}", status, createdAt } });
    const old = ago(now, periods.deliveryLogMs + minute);
    const [oldSent, oldFailed, oldHeld, recentSent, oldPending] = await Promise.all([
      delivery("sent", old),
      delivery("failed", old),
      delivery("held", old),
      delivery("sent", ago(now, periods.deliveryLogMs - minute)),
      delivery("pending", old),
    ]);

    await sweepExpiredRows(now, periods);

    expect(await exists(db.webhookDelivery, oldSent.id)).toBe(false);
    expect(await exists(db.webhookDelivery, oldFailed.id)).toBe(false);
    expect(await exists(db.webhookDelivery, oldHeld.id)).toBe(false);
    expect(await exists(db.webhookDelivery, recentSent.id)).toBe(true);
    expect(await exists(db.webhookDelivery, oldPending.id)).toBe(true);

    // An endpoint that is disabled sends nothing: its old pending deliveries go with the log.
    await db.webhookEndpoint.update({ where: { id: endpoint.id }, data: { disabledAt: now } });
    await sweepExpiredRows(now, periods);
    expect(await exists(db.webhookDelivery, oldPending.id)).toBe(false);
    expect(await exists(db.webhookDelivery, recentSent.id)).toBe(true);
  });

  it("deletes delivered events after their retention, with their notifications, and never one not yet delivered", async () => {
    const now = clock(37);
    const who = await person();
    const request = await db.dataRequest.create({ data: { userId: who.id, dataTypes: ["profile"] } });
    const event = (createdAt: Date, fannedOutAt: Date | null) =>
      db.event.create({ data: { type: "data_request.completed", dataRequestId: request.id, userId: who.id, createdAt, fannedOutAt } });
    const old = ago(now, periods.eventMs + minute);
    const oldDelivered = await event(old, old);
    const notification = await db.notification.create({ data: { userId: who.id, eventId: oldDelivered.id } });
    const oldUndelivered = await event(old, null);
    const recentDelivered = await event(ago(now, day), ago(now, day));

    await sweepExpiredRows(now, periods);

    expect(await exists(db.event, oldDelivered.id)).toBe(false);
    expect(await exists(db.notification, notification.id)).toBe(false);
    expect(await exists(db.event, oldUndelivered.id)).toBe(true);
    expect(await exists(db.event, recentDelivered.id)).toBe(true);
  });

  it("deletes accounts never confirmed once their link expired plus the grace period, and the organizations left empty", async () => {
    const now = clock(38);
    const register = async (createdAt: Date, options: { organizationName?: string; verified?: boolean } = {}) => {
      const account = await createAccount(
        db,
        { email: `u-${unique()}@example.com`, password: "a long test password", organizationName: options.organizationName ?? `Org ${unique()}`, organizationType: "retailer" },
        { verified: options.verified ?? false, joinExisting: true },
      );
      await db.user.update({ where: { id: account.id }, data: { createdAt } });
      await db.accountLink.create({ data: { userId: account.id, purpose: "verify_email", tokenHash: unique() + unique(), expiresAt: new Date(createdAt.getTime() + day) } });
      return account;
    };
    const longAgo = ago(now, day + periods.unverifiedAccountGraceMs + hour);
    const abandoned = await register(longAgo);
    const recent = await register(ago(now, day + periods.unverifiedAccountGraceMs - hour));
    const confirmed = await register(longAgo, { verified: true });
    const colleagueOrg = `Org ${unique()}`;
    const alone = await register(longAgo, { organizationName: colleagueOrg });
    await register(ago(now, hour), { organizationName: colleagueOrg });

    const rescuing = await register(longAgo); // asked for a password reset, which also confirms the address
    await db.accountLink.create({ data: { userId: rescuing.id, purpose: "reset_password", tokenHash: unique() + unique(), expiresAt: new Date(now.getTime() + hour) } });

    const report = await sweepExpiredRows(now, periods);

    expect(await exists(db.user, rescuing.id)).toBe(true);
    expect(await exists(db.user, abandoned.id)).toBe(false);
    expect(await exists(db.organization, abandoned.organization!.id)).toBe(false);
    expect(await exists(db.user, recent.id)).toBe(true);
    expect(await exists(db.user, confirmed.id)).toBe(true);
    expect(await exists(db.user, alone.id)).toBe(false);
    expect(await exists(db.organization, alone.organization!.id)).toBe(true); // a newer registrant is still in it
    expect(report["unverified accounts"]).toBeGreaterThanOrEqual(2);
  });

  it("deletes in batches until nothing is due", async () => {
    const now = clock(40);
    const who = await person();
    const expiresAt = ago(now, periods.credentialGraceMs + minute);
    await db.userSession.createMany({ data: Array.from({ length: 2_500 }, () => ({ userId: who.id, expiresAt })) });
    const report = await sweepExpiredRows(now, periods);
    expect(report.sessions).toBeGreaterThanOrEqual(2_500);
    expect(await db.userSession.count({ where: { userId: who.id } })).toBe(0);
  });

  it("is claimed by one instance per interval", async () => {
    const now = clock(50);
    const interval = 10 * minute;
    const claims = await Promise.all([claimSweep(now, interval), claimSweep(now, interval)]);
    expect(claims.filter(Boolean)).toHaveLength(1);
    expect(await claimSweep(new Date(now.getTime() + interval - 1000), interval)).toBe(false);
    expect(await claimSweep(new Date(now.getTime() + interval), interval)).toBe(true);
  });
});
