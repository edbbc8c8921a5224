import "server-only";
import { UAParser } from "ua-parser-js";
import { db } from "../db/client";
import { toActor, type Actor } from "./actor";

/** How long a browser sign-in lasts. */
export const sessionMaxAgeSeconds = 12 * 60 * 60;

/** How a browser signed in, as the Security tab names it. */
export type SignInMethod = "password" | "passkey" | "sso" | "invitation";

/** Where a sign-in came from, for the Security tab's list of signed-in browsers. */
export interface SessionOrigin {
  userAgent?: string;
  ipAddress?: string;
  method?: SignInMethod;
}

/** A browser sign-in (the form, next-auth's callback, an accepted invitation): a session row, and the person's last sign-in. */
export async function createUserSession(userId: string, origin: SessionOrigin = {}): Promise<string> {
  const now = new Date();
  const session = await db.userSession.create({
    data: {
      userId,
      createdAt: now,
      lastSeenAt: now,
      expiresAt: new Date(now.getTime() + sessionMaxAgeSeconds * 1000),
      userAgent: (origin.userAgent ?? "").slice(0, 500),
      ipAddress: (origin.ipAddress ?? "").slice(0, 100),
      method: origin.method ?? "password",
    },
  });
  await db.user.update({ where: { id: userId }, data: { lastSignInAt: now }, select: { id: true } });
  return session.id;
}

export async function revokeUserSession(sessionId: string): Promise<void> {
  await db.userSession.updateMany({ where: { id: sessionId, revokedAt: null }, data: { revokedAt: new Date() } });
}

// Writing "last seen" on every request would turn each read into a write; once a minute is plenty.
const lastSeenPrecisionMs = 60_000;

/**
 * The person behind a session id, in one query, or null when the session was revoked or expired
 * or the account is disabled. Role and organization come from the database, never the cookie.
 */
export async function actorForSession(sessionId: string, now = new Date()): Promise<Actor | null> {
  const session = await db.userSession.findFirst({
    where: { id: sessionId, revokedAt: null, expiresAt: { gt: now }, user: { status: "active" } },
    select: { lastSeenAt: true, user: { include: { organization: true } } },
  });
  if (!session) return null;
  if (!session.lastSeenAt || now.getTime() - session.lastSeenAt.getTime() > lastSeenPrecisionMs) {
    await db.userSession.updateMany({ where: { id: sessionId }, data: { lastSeenAt: now } });
  }
  return toActor(session.user);
}

/** "Chrome 131 on Linux", from a User-Agent; "Unknown browser" when it says nothing usable. */
export function describeDevice(userAgent: string): string {
  const { browser, os } = new UAParser(userAgent).getResult();
  const name = [browser.name, browser.major].filter(Boolean).join(" ");
  const system = [os.name, os.version].filter(Boolean).join(" ");
  if (!name && !system) return userAgent ? "Unknown browser" : "Unknown device";
  return system ? `${name || "A browser"} on ${system}` : name;
}

export interface SignedInBrowser {
  id: string;
  device: string;
  ipAddress: string;
  method: string;
  signedInAt: Date;
  lastSeenAt: Date;
  current: boolean;
}

/** The person's browsers still signed in, most recently seen first. */
export async function listSignedInBrowsers(actor: Actor, currentSessionId: string | null, now = new Date()): Promise<SignedInBrowser[]> {
  const sessions = await db.userSession.findMany({
    where: { userId: actor.userId, revokedAt: null, expiresAt: { gt: now } },
    orderBy: [{ lastSeenAt: { sort: "desc", nulls: "last" } }, { createdAt: "desc" }],
    take: 100,
    select: { id: true, userAgent: true, ipAddress: true, method: true, createdAt: true, lastSeenAt: true },
  });
  return sessions.map((session) => ({
    id: session.id,
    device: describeDevice(session.userAgent),
    ipAddress: session.ipAddress,
    method: session.method,
    signedInAt: session.createdAt,
    lastSeenAt: session.lastSeenAt ?? session.createdAt,
    current: session.id === currentSessionId,
  }));
}

/** Signs one of the person's own browsers out; false when it is not theirs or already ended. */
export async function endSignedInBrowser(actor: Actor, sessionId: string): Promise<boolean> {
  const { count } = await db.userSession.updateMany({ where: { id: sessionId, userId: actor.userId, revokedAt: null }, data: { revokedAt: new Date() } });
  return count === 1;
}
