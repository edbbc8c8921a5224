import "server-only";
import { hashPassword } from "../auth/password";
import { db } from "../db/client";
import { AppError } from "../http/errors";
import { mailMode } from "../mail/transport";
import { consume, registerPerAddress, registerPerEmail } from "../rate-limit";
import type { RegisterInput } from "../schemas/users";
import { createAccount } from "./accounts";
import { mailAccountLink, mailNote, useAccountLink } from "./account-links";

export type Registration = "signed-up" | "check-email";

/**
 * Self-registration: always a member of a new organization (only operators make admins or add
 * people to an existing one). Limited per client address and per e-mail address before the
 * password is hashed, so it cannot be used to exhaust the server.
 *
 * With e-mail available the account waits for its address to be confirmed by a link (24 h), and
 * an address that already has an account is sent a note instead: both answer "check your e-mail",
 * so the form tells nobody which addresses have accounts. Without e-mail there is no way to prove
 * an address, and the account is ready at once.
 */
export async function registerAccount(input: RegisterInput, clientAddress: string): Promise<Registration> {
  await consume(registerPerAddress, clientAddress);
  await consume(registerPerEmail, input.email);
  if (mailMode() === "off") {
    await createAccount(db, input, { joinExisting: false });
    return "signed-up";
  }
  const existing = await db.user.findUnique({ where: { email: input.email }, select: { id: true } });
  if (existing) {
    // As slow as creating an account, so the answer's timing does not tell either.
    await hashPassword(input.password);
    await mailNote(db, input.email, {
      subject: "You already have an account",
      body: "Someone (we hope you) tried to register with this e-mail address, which already has a Crux Requests account. Sign in, or choose a new password if you forgot it.",
      path: "/forgot-password",
    });
    return "check-email";
  }
  const account = await createAccount(db, input, { joinExisting: false, verified: false });
  await db.$transaction((tx) => mailAccountLink(tx, account, "verify_email"));
  return "check-email";
}

/** The link in the confirmation e-mail: works once, within 24 hours. */
export async function confirmEmail(token: string, now = new Date()): Promise<void> {
  await db.$transaction(async (tx) => {
    const userId = await useAccountLink(tx, "verify_email", token, now);
    if (!userId) throw new AppError("validation", "This link has expired or was already used. Sign in, or register again for a new one.");
    await tx.user.updateMany({ where: { id: userId, emailVerifiedAt: null }, data: { emailVerifiedAt: now } });
  });
}
