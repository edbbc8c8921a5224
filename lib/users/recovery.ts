import "server-only";
import { hashPassword } from "../auth/password";
import { generateSecret, hashSecret } from "../auth/secrets";
import { db } from "../db/client";
import { revokeAccess, type Revoked } from "../auth/revocation";
import { AppError } from "../http/errors";
import { mailMode } from "../mail/transport";
import { consume, consumeForAccount, passwordReset, rememberAddress, signIn } from "../rate-limit";
import { isLiveAccountLink, mailAccountLink, useAccountLink } from "./account-links";
import { withSteadyTiming } from "./steady-timing";

/** Above the time a link and its mail take to write, so both answers leave at the same moment. */
const forgotPasswordFloorMs = 250;

/**
 * "Forgot password": mails a single-use link (1 h) when the address has an active account, and
 * says the same thing either way, so the form tells nobody which addresses have accounts: the
 * same hashing in both branches, and an answer no sooner than the slower one. Limits: see
 * consumeForAccount (an attacker cannot use up the owner's own budget).
 */
export async function requestPasswordReset(email: string, clientAddress: string): Promise<void> {
  await consumeForAccount(passwordReset, email, clientAddress);
  if (mailMode() === "off") throw new AppError("unprocessable", "E-mail is not set up on this portal: ask an administrator to reset your password.");
  await withSteadyTiming(forgotPasswordFloorMs, async () => {
    const user = await db.user.findUnique({ where: { email }, select: { id: true, email: true, status: true } });
    if (!user || user.status !== "active") {
      hashSecret(generateSecret("pr")); // the work mailAccountLink does for a token
      return;
    }
    await db.$transaction((tx) => mailAccountLink(tx, user, "reset_password"));
  });
}

/**
 * The link in the reset e-mail: sets the new password, confirms the address (the link proved it)
 * and ends every credential the old password could have led to, in one transaction: browser
 * sessions, every API token (made at sign-in or on the settings page), and every app the person
 * authorized with its tokens. Webhook endpoints stay: they carry no credential to the portal.
 * Works once, within an hour; answers what it revoked, for the confirmation.
 */
export async function resetPassword(token: string, password: string, clientAddress: string, now = new Date()): Promise<Revoked> {
  const expired = () => new AppError("validation", "This link has expired or was already used: ask for a new one.");
  // Limited, and the link checked, before the memory-hard hash: no cheap way to load the server.
  await consume(passwordReset.address, clientAddress);
  if (!(await isLiveAccountLink("reset_password", token, now))) throw expired();
  const passwordHash = await hashPassword(password);
  const { email, revoked } = await db.$transaction(async (tx) => {
    const userId = await useAccountLink(tx, "reset_password", token, now);
    if (!userId) throw expired();
    const user = await tx.user.update({ where: { id: userId }, data: { passwordHash, emailVerifiedAt: now }, select: { email: true } });
    return { email: user.email, revoked: await revokeAccess(tx, userId, now) };
  });
  // The owner proved it is theirs: this address keeps its room under the account's limits.
  await rememberAddress(signIn, email, clientAddress);
  await rememberAddress(passwordReset, email, clientAddress);
  return revoked;
}

const counted = (count: number, one: string, many: string) => `${count === 0 ? "no" : count} ${count === 1 ? one : many}`;

/** "Signed out 2 sessions, revoked 3 API tokens and 1 app authorization." */
export function describeRevoked({ sessions, apiTokens, appAuthorizations }: Revoked): string {
  return `Signed out ${counted(sessions, "session", "sessions")}, revoked ${counted(apiTokens, "API token", "API tokens")} and ${counted(appAuthorizations, "app authorization", "app authorizations")}.`;
}
