import "server-only";
import { hashPassword } from "../auth/password";
import { db } from "../db/client";
import { AppError } from "../http/errors";
import { mailMode } from "../mail/transport";
import { consume, resetPerAddress, resetPerEmail } from "../rate-limit";
import { isLiveAccountLink, mailAccountLink, useAccountLink } from "./account-links";

/**
 * "Forgot password": mails a single-use link (1 h) when the address has an active account, and
 * says the same thing either way, so the form tells nobody which addresses have accounts.
 */
export async function requestPasswordReset(email: string, clientAddress: string): Promise<void> {
  await consume(resetPerAddress, clientAddress);
  await consume(resetPerEmail, email);
  if (mailMode() === "off") throw new AppError("unprocessable", "E-mail is not set up on this portal: ask an administrator to reset your password.");
  const user = await db.user.findUnique({ where: { email }, select: { id: true, email: true, status: true } });
  if (!user || user.status !== "active") return;
  await db.$transaction((tx) => mailAccountLink(tx, user, "reset_password"));
}

/**
 * The link in the reset e-mail: sets the new password, confirms the address (the link proved it)
 * and signs the person out everywhere, in one transaction. Works once, within an hour.
 */
export async function resetPassword(token: string, password: string, clientAddress: string, now = new Date()): Promise<void> {
  const expired = () => new AppError("validation", "This link has expired or was already used: ask for a new one.");
  // Limited, and the link checked, before the memory-hard hash: no cheap way to load the server.
  await consume(resetPerAddress, clientAddress);
  if (!(await isLiveAccountLink("reset_password", token, now))) throw expired();
  const passwordHash = await hashPassword(password);
  await db.$transaction(async (tx) => {
    const userId = await useAccountLink(tx, "reset_password", token, now);
    if (!userId) throw expired();
    await tx.user.update({ where: { id: userId }, data: { passwordHash, emailVerifiedAt: now } });
    await tx.userSession.updateMany({ where: { userId, revokedAt: null }, data: { revokedAt: now } });
    await tx.apiToken.updateMany({ where: { userId, revokedAt: null, name: "user-login" }, data: { revokedAt: now } });
  });
}
