import "server-only";
import { Secret, TOTP } from "otpauth";
import QRCode from "qrcode";
import { db } from "../../db/client";
import { AppError } from "../../http/errors";
import { decryptSecret, encryptSecret } from "../../webhooks/secrets";
import { webhookSecretKeys } from "../../webhooks/secret-keys";
import type { Actor } from "../actor";
import { assertMayGoWithoutFactor } from "./policy";
import { issueRecoveryCodes } from "./recovery-codes";

/** RFC 6238 as every authenticator app reads it: SHA-1, 6 digits, 30 s. */
const periodSeconds = 30;
const totpFor = (base32: string, label: string) =>
  new TOTP({ issuer: "Crux Requests", label, algorithm: "SHA1", digits: 6, period: periodSeconds, secret: Secret.fromBase32(base32) });

/** "ABCD EFGH …": the key in groups of four, for typing into an app by hand. */
const grouped = (base32: string) => base32.match(/.{1,4}/g)!.join(" ");

export interface TotpEnrolment {
  /** The key in uppercase base32, for the line of its own under the QR code. */
  manualKey: string;
  /** An SVG data URL of the otpauth:// link. */
  qrCode: string;
}

/**
 * Starts enrolling an authenticator app: a new key, kept sealed (like webhook secrets), not in use
 * until a first code proves the app holds it. Starting again replaces a key never confirmed.
 */
export async function startTotpEnrolment(actor: Actor): Promise<TotpEnrolment> {
  const user = await db.user.findUniqueOrThrow({ where: { id: actor.userId }, select: { totpEnabledAt: true } });
  if (user.totpEnabledAt) throw new AppError("conflict", "An authenticator app is already set up: turn it off first to set up another.");
  const secret = new Secret({ size: 20 });
  await db.user.update({ where: { id: actor.userId }, data: { totpSecretCiphertext: encryptSecret(secret.base32, webhookSecretKeys()), totpLastStep: null } });
  const uri = totpFor(secret.base32, actor.email).toString();
  const svg = await QRCode.toString(uri, { type: "svg", errorCorrectionLevel: "M", margin: 1 });
  return { manualKey: grouped(secret.base32), qrCode: `data:image/svg+xml;base64,${Buffer.from(svg).toString("base64")}` };
}

/**
 * Whether `code` is the app's current code (one step of clock drift either way) that was never
 * used before: the accepted step is written with a conditional update, so a code is good once
 * even when sent twice at the same moment.
 */
export async function acceptTotpCode(userId: string, code: string, now = new Date(), options: { enrolling?: boolean } = {}): Promise<boolean> {
  if (!/^\d{6}$/.test(code)) return false;
  const user = await db.user.findUniqueOrThrow({ where: { id: userId }, select: { email: true, totpSecretCiphertext: true, totpEnabledAt: true } });
  if (!user.totpSecretCiphertext || (!user.totpEnabledAt && !options.enrolling)) return false;
  const base32 = decryptSecret(user.totpSecretCiphertext, webhookSecretKeys());
  const delta = totpFor(base32, user.email).validate({ token: code, timestamp: now.getTime(), window: 1 });
  if (delta === null) return false;
  const step = Math.floor(now.getTime() / 1000 / periodSeconds) + delta;
  const claimed = await db.$executeRaw`UPDATE "User" SET "totpLastStep" = ${step} WHERE id = ${userId}::uuid AND ("totpLastStep" IS NULL OR "totpLastStep" < ${step})`;
  return claimed === 1;
}

/** The first code from the app turns it on, and gives the ten recovery codes (shown once). */
export async function confirmTotpEnrolment(actor: Actor, code: string, now = new Date()): Promise<string[]> {
  if (!(await acceptTotpCode(actor.userId, code, now, { enrolling: true }))) {
    throw new AppError("validation", "Invalid input.", { fieldErrors: { code: ["That code is not right: enter the 6 digits your app shows now."] } });
  }
  await db.user.update({ where: { id: actor.userId }, data: { totpEnabledAt: now, secondFactorAt: now } });
  return issueRecoveryCodes(actor.userId);
}

/** Turns the app off (and its recovery codes); a passkey left keeps the second factor on. */
export async function disableTotp(actor: Actor): Promise<void> {
  await db.$transaction(async (tx) => {
    const passkeys = await tx.passkey.count({ where: { userId: actor.userId } });
    if (passkeys === 0) assertMayGoWithoutFactor(actor);
    await tx.recoveryCode.deleteMany({ where: { userId: actor.userId } });
    await tx.user.update({
      where: { id: actor.userId },
      data: { totpSecretCiphertext: null, totpEnabledAt: null, totpLastStep: null, ...(passkeys === 0 ? { secondFactorAt: null } : {}) },
    });
  });
}
