import "server-only";
import { db } from "../db/client";
import { toActor, type Actor } from "./actor";

/** How long a browser sign-in lasts. */
export const sessionMaxAgeSeconds = 12 * 60 * 60;

/** A browser sign-in (the form, next-auth's callback, an accepted invitation): a session row, and the person's last sign-in. */
export async function createUserSession(userId: string): Promise<string> {
  const now = new Date();
  const session = await db.userSession.create({ data: { userId, createdAt: now, expiresAt: new Date(now.getTime() + sessionMaxAgeSeconds * 1000) } });
  await db.user.update({ where: { id: userId }, data: { lastSignInAt: now }, select: { id: true } });
  return session.id;
}

export async function revokeUserSession(sessionId: string): Promise<void> {
  await db.userSession.updateMany({ where: { id: sessionId, revokedAt: null }, data: { revokedAt: new Date() } });
}

/**
 * The person behind a session id, in one query, or null when the session was revoked or expired
 * or the account is disabled. Role and organization come from the database, never the cookie.
 */
export async function actorForSession(sessionId: string): Promise<Actor | null> {
  const session = await db.userSession.findFirst({
    where: { id: sessionId, revokedAt: null, expiresAt: { gt: new Date() }, user: { status: "active" } },
    select: { user: { include: { organization: true } } },
  });
  return session && toActor(session.user);
}
