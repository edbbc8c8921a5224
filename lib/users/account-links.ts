import "server-only";
import { generateSecret, hashSecret } from "../auth/secrets";
import type { Tx } from "../db/connect";
import { db } from "../db/client";
import type { AccountLinkPurpose } from "../generated/prisma/client";
import { renderPlainEmail } from "../mail/templates";

export const linkLifetimeMs: Record<AccountLinkPurpose, number> = { verify_email: 24 * 3_600_000, reset_password: 3_600_000 };

/** Issues a single-use link and queues its e-mail, in the caller's transaction. */
export async function mailAccountLink(tx: Tx, user: { id: string; email: string }, purpose: AccountLinkPurpose, now = new Date()) {
  const token = generateSecret(purpose === "verify_email" ? "ve" : "pr");
  await tx.accountLink.create({ data: { userId: user.id, purpose, tokenHash: hashSecret(token), expiresAt: new Date(now.getTime() + linkLifetimeMs[purpose]) } });
  const message =
    purpose === "verify_email"
      ? { subject: "Confirm your e-mail address", body: "Confirm your e-mail address to finish registering with Crux Requests. The link works once, within 24 hours.", path: `/verify-email?token=${token}` }
      : { subject: "Choose a new password", body: "Someone (we hope you) asked to reset your Crux Requests password. The link works once, within an hour; choosing a new password signs you out everywhere. If it was not you, ignore this message.", path: `/reset-password?token=${token}` };
  await tx.emailDelivery.create({ data: { to: user.email, nextAttemptAt: now, ...renderPlainEmail(message) } });
  return token;
}

/** Queues a message to an address without issuing anything (the "you already have an account" note). */
export async function mailNote(tx: Tx | typeof db, to: string, message: { subject: string; body: string; path: string }, now = new Date()) {
  await tx.emailDelivery.create({ data: { to, nextAttemptAt: now, ...renderPlainEmail(message) } });
}

/** Whether a link would work now, without using it (to refuse early, before costly work). */
export async function isLiveAccountLink(purpose: AccountLinkPurpose, token: string, now = new Date()): Promise<boolean> {
  return (await db.accountLink.count({ where: { tokenHash: hashSecret(token), purpose, usedAt: null, expiresAt: { gt: now } } })) === 1;
}

/**
 * Uses a link: the person's id when the token is known, meant for this purpose, unused and
 * unexpired, else null. One conditional update, so a link works exactly once even when clicked
 * twice at the same moment.
 */
export async function useAccountLink(tx: Tx, purpose: AccountLinkPurpose, token: string, now = new Date()): Promise<string | null> {
  const rows = await tx.accountLink.updateManyAndReturn({
    where: { tokenHash: hashSecret(token), purpose, usedAt: null, expiresAt: { gt: now } },
    data: { usedAt: now },
    select: { userId: true },
  });
  const userId = rows[0]?.userId ?? null;
  // The person's other open links of this purpose die with it: an older reset mail opens nothing.
  if (userId) await tx.accountLink.updateMany({ where: { userId, purpose, usedAt: null }, data: { usedAt: now } });
  return userId;
}
