import "server-only";
import { db } from "../db/client";
import { toActor, type Actor } from "./actor";
import { generateSecret, hashSecret } from "./secrets";

/** TIMP user-login tokens expire two hours after issue, as the mirrored API documents. */
export const loginTokenLifetimeMs = 2 * 60 * 60 * 1000;

/** Writing last use on every call would turn each read into a write; once a minute is plenty (TIMP and OAuth tokens). */
export const lastUsedPrecisionMs = 60_000;

export async function issueApiToken(userId: string, options: { name: string; lifetimeMs: number }) {
  const token = generateSecret("timp");
  const record = await db.apiToken.create({
    data: {
      userId,
      name: options.name,
      tokenHash: hashSecret(token),
      expiresAt: new Date(Date.now() + options.lifetimeMs),
    },
  });
  return { token, record };
}

/**
 * The person behind a TIMP token, or null when it is unknown, expired, revoked or disabled. The
 * TIMP list checks tokens by the same rules inside its one statement (lib/connection-requests/page-json.ts).
 */
export async function actorForApiToken(token: string, now = new Date()): Promise<Actor | null> {
  const record = await db.apiToken.findFirst({
    where: { tokenHash: hashSecret(token), revokedAt: null, expiresAt: { gt: now }, user: { status: "active" } },
    select: { id: true, lastUsedAt: true, user: { include: { organization: true } } },
  });
  if (!record) return null;
  if (!record.lastUsedAt || now.getTime() - record.lastUsedAt.getTime() > lastUsedPrecisionMs) {
    await db.apiToken.update({ where: { id: record.id }, data: { lastUsedAt: now } });
  }
  return toActor(record.user);
}

export type ApiTokenState = "active" | "expired" | "revoked";

/** The actor's own tokens, newest first, a page at a time, without their hashes. */
export async function listApiTokens(actor: Actor, page: { start: number; limit: number }, now = new Date()) {
  const where = { userId: actor.userId };
  const [total, tokens] = await Promise.all([
    db.apiToken.count({ where }),
    db.apiToken.findMany({
      where,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      skip: page.start,
      take: page.limit,
      select: { id: true, name: true, createdAt: true, expiresAt: true, lastUsedAt: true, revokedAt: true },
    }),
  ]);
  return {
    total,
    tokens: tokens.map((token) => ({
      ...token,
      state: (token.revokedAt ? "revoked" : token.expiresAt <= now ? "expired" : "active") as ApiTokenState,
    })),
  };
}

/** Revokes one of the actor's own tokens; another person's id changes nothing. */
export async function revokeApiToken(actor: Actor, tokenId: string): Promise<boolean> {
  const { count } = await db.apiToken.updateMany({
    where: { id: tokenId, userId: actor.userId, revokedAt: null },
    data: { revokedAt: new Date() },
  });
  return count === 1;
}
