import "server-only";
import crypto from "node:crypto";
import { database } from "../db/client";
import { Prisma } from "../generated/prisma/client";

/**
 * The one outbox both e-mail and webhooks are sent from. A message is claimed with a lease
 * (status `sending`, a claim token, `leaseUntil`), sent outside any transaction, and its outcome
 * is written only while that claim still holds, so a worker that was too slow (its lease ran out
 * and another took the message over) can never overwrite the newer attempt. A failed attempt is
 * retried after 30 s, doubling, at most an hour apart, for a day; then the message fails for good.
 * A worker that dies mid-send leaves the claim to expire: delivery is at least once.
 */
export const outboxLeaseMs = 2 * 60_000;
export const outboxBackoffMs = (attempts: number) => Math.min(3_600_000, 30_000 * 2 ** Math.max(0, attempts - 1));
export const outboxGiveUpAfterMs = 24 * 3_600_000;

/** Whether a message created at `createdAt` has used up its day by `now`. */
export const outboxGivesUp = (createdAt: Date, now: Date) => now.getTime() - createdAt.getTime() >= outboxGiveUpAfterMs;

/**
 * A clock that starts at `now` and runs with real time: a pass's later steps (renewing a lease
 * behind a slow server, writing an outcome) use the time they happen at, also when a test
 * starts the pass at another time.
 */
export function clockFrom(now: Date): () => Date {
  const offset = now.getTime() - Date.now();
  return () => new Date(Date.now() + offset);
}

export type OutboxTable = "EmailDelivery" | "WebhookDelivery";

export interface Claimed {
  id: string;
  claimToken: string;
  attempts: number;
  createdAt: Date;
}

const table = (name: OutboxTable) => Prisma.raw(`"${name}"`);

/** A message is due when it waits for its next attempt, or when its sender's lease ran out. */
export const dueCondition = (now: Date, alias = "") => {
  const column = (name: string) => Prisma.raw(`${alias ? `${alias}.` : ""}"${name}"`);
  return Prisma.sql`((${column("status")} = 'pending' AND ${column("nextAttemptAt")} <= ${now}) OR (${column("status")} = 'sending' AND ${column("leaseUntil")} < ${now}))`;
};

/**
 * Claims the due messages among `candidates` (a query of ids, which picks and orders them):
 * `FOR UPDATE SKIP LOCKED` lets every instance claim at once without two taking one message, and
 * the due condition is checked again on the locked row.
 */
export async function claimMessages(name: OutboxTable, candidates: Prisma.Sql, now: Date, leaseMs = outboxLeaseMs): Promise<Claimed[]> {
  const claimToken = crypto.randomUUID();
  return database().prisma.$queryRaw<Claimed[]>`
    UPDATE ${table(name)} SET status = 'sending', "claimToken" = ${claimToken}::uuid, "leaseUntil" = ${new Date(now.getTime() + leaseMs)}, attempts = attempts + 1
    WHERE id IN (SELECT id FROM ${table(name)} WHERE id IN (${candidates}) AND ${dueCondition(now)} FOR UPDATE SKIP LOCKED)
    RETURNING id, "claimToken"::text AS "claimToken", attempts, "createdAt"`;
}

/**
 * Extends a claim's lease before a slow send: false when the claim was lost (its lease ran out
 * and another worker took the message), and the caller must then skip it.
 */
export async function renewClaim(name: OutboxTable, claim: Claimed, now = new Date(), leaseMs = outboxLeaseMs): Promise<boolean> {
  const count = await database().prisma.$executeRaw`
    UPDATE ${table(name)} SET "leaseUntil" = ${new Date(now.getTime() + leaseMs)}
    WHERE id = ${claim.id}::uuid AND status = 'sending' AND "claimToken" = ${claim.claimToken}::uuid`;
  return count === 1;
}

export type Outcome =
  | { sent: true; responseStatus?: number | null }
  | { sent: false; error: string; responseStatus?: number | null };

/** What the outcome of one attempt became: sent, retried later, or failed for good. */
export type Settled = "sent" | "retry" | "failed" | "lost";

/**
 * Writes an attempt's outcome, only while the claim holds ("lost" otherwise, and nothing is
 * written). `sentColumn` is the table's delivery time column.
 */
export async function settleMessage(name: OutboxTable, claim: Claimed, outcome: Outcome, now = new Date()): Promise<Settled> {
  const sentColumn = Prisma.raw(name === "EmailDelivery" ? `"sentAt"` : `"deliveredAt"`);
  const responseStatus = name === "WebhookDelivery" ? Prisma.sql`, "responseStatus" = ${outcome.responseStatus ?? null}::int` : Prisma.empty;
  const mine = Prisma.sql`id = ${claim.id}::uuid AND status = 'sending' AND "claimToken" = ${claim.claimToken}::uuid`;
  if (outcome.sent) {
    const count = await database().prisma.$executeRaw`
      UPDATE ${table(name)} SET status = 'sent', ${sentColumn} = ${now}, "claimToken" = NULL, "leaseUntil" = NULL, "lastError" = NULL ${responseStatus}
      WHERE ${mine}`;
    return count === 1 ? "sent" : "lost";
  }
  const givesUp = outboxGivesUp(claim.createdAt, now);
  const count = await database().prisma.$executeRaw`
    UPDATE ${table(name)} SET status = ${givesUp ? "failed" : "pending"}::"DeliveryStatus", "nextAttemptAt" = ${new Date(now.getTime() + outboxBackoffMs(claim.attempts))},
      "claimToken" = NULL, "leaseUntil" = NULL, "lastError" = ${outcome.error.slice(0, 1000)} ${responseStatus}
    WHERE ${mine}`;
  if (count === 0) return "lost";
  return givesUp ? "failed" : "retry";
}

/**
 * Gives claims back when their worker stops before sending them: due at once, and the attempt
 * that never happened does not count.
 */
export async function releaseClaims(name: OutboxTable, claims: Claimed[], now = new Date()): Promise<number> {
  if (claims.length === 0) return 0;
  let released = 0;
  for (const claim of claims) {
    released += await database().prisma.$executeRaw`
      UPDATE ${table(name)} SET status = 'pending', "claimToken" = NULL, "leaseUntil" = NULL, "nextAttemptAt" = ${now}, attempts = GREATEST(attempts - 1, 0)
      WHERE id = ${claim.id}::uuid AND status = 'sending' AND "claimToken" = ${claim.claimToken}::uuid`;
  }
  return released;
}
