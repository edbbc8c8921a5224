import "server-only";
import { hashPassword } from "../auth/password";
import { db } from "../db/client";
import { AppError } from "../http/errors";
import { mailMode } from "../mail/transport";
import { consume, registerPerAddress, registerPerEmail } from "../rate-limit";
import type { RegisterInput } from "../schemas/users";
import { createAccount, findOrganizationByName } from "./accounts";
import { mailAccountLink, mailNote, useAccountLink } from "./account-links";
import { withSteadyTiming } from "./steady-timing";

export type Registration = "signed-up" | "check-email";

/** Above the time an account, its link and its mail take to write (the password hash aside). */
const registrationFloorMs = 300;

const notes = {
  alreadyRegistered: {
    subject: "You already have an account",
    body: "Someone (we hope you) tried to register with this e-mail address, which already has a Crux Requests account. Sign in, or choose a new password if you forgot it.",
    path: "/forgot-password",
  },
  organizationTaken: (name: string) => ({
    subject: "That organization is already registered",
    body: `Someone (we hope you) tried to register with this e-mail address for the organization "${name}", which is already registered on Crux Requests. Ask its owners to invite you (Settings → Team), or register again with another organization name. No account was made.`,
    path: "/register",
  }),
};

/**
 * Self-registration: always the owner of a new organization (joining an existing one takes an
 * owner's invitation, lib/teams; only operators make admins). Limited per client address and per e-mail address before the
 * password is hashed, so it cannot be used to exhaust the server.
 *
 * With e-mail available the account waits for its address to be confirmed by a link (24 h). An
 * address that already has an account, or a taken organization name, gets a note at that address
 * instead. Every branch answers "check your e-mail", hashes the password once and answers no
 * sooner than the slowest, so neither the answer nor its timing tells which addresses have
 * accounts; only the address's own inbox learns why. Without e-mail there is no way to prove an
 * address (or to say anything privately), and the account is ready at once.
 */
export async function registerAccount(input: RegisterInput, clientAddress: string): Promise<Registration> {
  await consume(registerPerAddress, clientAddress);
  await consume(registerPerEmail, input.email);
  if (mailMode() === "off") {
    await createAccount(db, input, { joinExisting: false });
    return "signed-up";
  }
  return withSteadyTiming<Registration>(registrationFloorMs, async () => {
    const note = await refusal(input);
    if (note) {
      await hashPassword(input.password); // as slow as creating an account
      await mailNote(db, input.email, note);
      return "check-email";
    }
    try {
      const account = await createAccount(db, input, { joinExisting: false, verified: false });
      await db.$transaction((tx) => mailAccountLink(tx, account, "verify_email"));
    } catch (error) {
      // Taken between the check and the insert (the password is hashed by then): the same note.
      if (!(error instanceof AppError && error.code === "conflict")) throw error;
      await mailNote(db, input.email, error.fieldErrors?.email ? notes.alreadyRegistered : notes.organizationTaken(input.organizationName ?? ""));
    }
    return "check-email";
  });
}

/** Why this registration cannot make an account, as the note to its address; null when it can. */
async function refusal(input: RegisterInput) {
  if (await db.user.findUnique({ where: { email: input.email }, select: { id: true } })) return notes.alreadyRegistered;
  if (input.organizationName && (await findOrganizationByName(db, input.organizationName))) return notes.organizationTaken(input.organizationName);
  return null;
}

/** The link in the confirmation e-mail: works once, within 24 hours. */
export async function confirmEmail(token: string, now = new Date()): Promise<void> {
  await db.$transaction(async (tx) => {
    const userId = await useAccountLink(tx, "verify_email", token, now);
    if (!userId) throw new AppError("validation", "This link has expired or was already used. Sign in, or register again for a new one.");
    await tx.user.updateMany({ where: { id: userId, emailVerifiedAt: null }, data: { emailVerifiedAt: now } });
  });
}
