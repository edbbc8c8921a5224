import "server-only";
import { cookies } from "next/headers";
import { db } from "../../db/client";
import { secureCookies } from "../options";
import { generateSecret, hashSecret } from "../secrets";

/**
 * Between a correct password and the second factor: the browser holds a random token (an
 * HttpOnly cookie), the database its hash, the person and where they were going, for five
 * minutes and one completion. The password step cannot be skipped, nor replayed after it.
 */
const pendingCookie = () => `${secureCookies() ? "__Host-" : ""}portal.second-factor`;
const lifetimeMs = 5 * 60_000;

export async function startPendingSignIn(userId: string, returnTo: string, now = new Date()): Promise<void> {
  const token = generateSecret("sf");
  await db.authChallenge.create({ data: { purpose: "second_factor", userId, tokenHash: hashSecret(token), returnTo, expiresAt: new Date(now.getTime() + lifetimeMs) } });
  (await cookies()).set(pendingCookie(), token, { httpOnly: true, sameSite: "lax", secure: secureCookies(), path: "/", maxAge: lifetimeMs / 1000 });
}

export interface PendingSignIn {
  id: string;
  userId: string;
  email: string;
  returnTo: string;
  hasTotp: boolean;
  hasPasskey: boolean;
}

/** The sign-in waiting for this browser's second factor, or null. */
export async function pendingSignIn(now = new Date()): Promise<PendingSignIn | null> {
  const token = (await cookies()).get(pendingCookie())?.value;
  if (!token) return null;
  const row = await db.authChallenge.findUnique({
    where: { tokenHash: hashSecret(token) },
    select: { id: true, purpose: true, returnTo: true, usedAt: true, expiresAt: true, user: { select: { id: true, email: true, status: true, totpEnabledAt: true, _count: { select: { passkeys: true } } } } },
  });
  if (!row || row.purpose !== "second_factor" || row.usedAt || row.expiresAt <= now || !row.user || row.user.status !== "active") return null;
  return { id: row.id, userId: row.user.id, email: row.user.email, returnTo: row.returnTo, hasTotp: row.user.totpEnabledAt !== null, hasPasskey: row.user._count.passkeys > 0 };
}

/** Ends the waiting step once (false when another request completed it first) and drops its cookie. */
export async function completePendingSignIn(pending: PendingSignIn, now = new Date()): Promise<boolean> {
  const { count } = await db.authChallenge.updateMany({ where: { id: pending.id, usedAt: null, expiresAt: { gt: now } }, data: { usedAt: now } });
  (await cookies()).delete(pendingCookie());
  return count === 1;
}
