import "server-only";
import crypto from "node:crypto";
import { database } from "../db/client";
import type { Tx } from "../db/connect";
import { env } from "../env";
import { recordEvent } from "../events/record";
import { jobDuration } from "../observability/metrics";
import { buildArchive } from "./archive";

/** How long a claim holds before another worker may take the request over (a crashed worker). */
export const leaseMs = 5 * 60_000;
/** Attempts before a request is marked failed (DATA_REQUEST_MAX_ATTEMPTS). */
export const maxAttempts = () => env().DATA_REQUEST_MAX_ATTEMPTS;
/** What admins read when the worker never came back from a request (a crash, a kill, no memory). */
export const crashedWorkerError = "The worker stopped while building the archive, on every attempt.";
/** Exponential backoff between attempts: 30 s, 1 min, 2 min, 4 min… */
export const backoffMs = (attempts: number) => 30_000 * 2 ** Math.max(0, attempts - 1);

export interface ClaimedRequest {
  id: string;
  userId: string;
  dataTypes: string[];
  createdAt: Date;
  attempts: number;
}

/**
 * Claims one due request: queued and due, or processing with an expired lease. `FOR UPDATE SKIP
 * LOCKED` lets several workers (several app instances on one PostgreSQL) poll at once without
 * ever claiming the same row.
 */
export async function claimNextRequest(workerId: string, now: Date): Promise<ClaimedRequest | null> {
  const staleBefore = new Date(now.getTime() - leaseMs);
  const { prisma } = database();
  // A request that took its worker down on every attempt would otherwise be taken over forever.
  await prisma.$transaction(async (tx) => {
    const failed = await tx.$queryRaw<{ id: string; userId: string }[]>`
      UPDATE "DataRequest" SET status = 'failed', "failedAt" = ${now}, "lastError" = ${crashedWorkerError}, "lockedBy" = NULL, "lockedAt" = NULL
      WHERE status = 'processing' AND "lockedAt" < ${staleBefore} AND attempts >= ${maxAttempts()}
      RETURNING id, "userId"`;
    for (const request of failed) await recordFailure(tx, request);
  });
  const rows = await prisma.$queryRaw<ClaimedRequest[]>`
    UPDATE "DataRequest" SET status = 'processing', "lockedAt" = ${now}, "lockedBy" = ${workerId}, attempts = attempts + 1
    WHERE id = (
      SELECT id FROM "DataRequest"
      WHERE (status = 'queued' AND "nextAttemptAt" <= ${now}) OR (status = 'processing' AND "lockedAt" < ${staleBefore} AND attempts < ${maxAttempts()})
      ORDER BY "nextAttemptAt", id
      FOR UPDATE SKIP LOCKED
      LIMIT 1
    )
    RETURNING id, "userId", "dataTypes", "createdAt", attempts`;
  return rows[0] ?? null;
}

type Builder = typeof buildArchive;

/**
 * Builds and stores the archive of a claimed request. Completion and the archive are written in
 * one transaction, conditional on this worker still holding the claim, so a cancelled or
 * taken-over request is never completed twice; the unique archive row is the backstop.
 */
export async function processRequest(workerId: string, request: ClaimedRequest, now: Date, build: Builder = buildArchive) {
  const started = performance.now();
  const outcome = await buildAndStore(workerId, request, now, build);
  jobDuration().observe({ outcome }, (performance.now() - started) / 1000);
  return outcome;
}

async function buildAndStore(workerId: string, request: ClaimedRequest, now: Date, build: Builder) {
  const { prisma } = database();
  try {
    const zip = await build(prisma, request, now);
    const retentionMs = env().DATA_REQUEST_RETENTION_DAYS * 24 * 3_600_000;
    return await prisma.$transaction(async (tx) => {
      const { count } = await tx.dataRequest.updateMany({
        where: { id: request.id, status: "processing", lockedBy: workerId },
        data: { status: "completed", completedAt: now, expiresAt: new Date(now.getTime() + retentionMs), lockedBy: null, lockedAt: null, lastError: null },
      });
      if (count === 0) return "lost" as const;
      await tx.dataRequestArchive.create({
        data: { dataRequestId: request.id, content: zip, size: zip.byteLength, sha256: crypto.createHash("sha256").update(zip).digest("hex") },
      });
      await recordEvent(tx, { type: "data_request.completed", dataRequestId: request.id, userId: request.userId, actorId: null, fromState: "processing", toState: "completed" });
      return "completed" as const;
    });
  } catch (error) {
    const failed = request.attempts >= maxAttempts();
    const lastError = String((error as Error).message).slice(0, 1000);
    await prisma.$transaction(async (tx) => {
      const { count } = await tx.dataRequest.updateMany({
        where: { id: request.id, status: "processing", lockedBy: workerId },
        data: failed
          ? { status: "failed", failedAt: now, lastError, lockedBy: null, lockedAt: null }
          : { status: "queued", nextAttemptAt: new Date(now.getTime() + backoffMs(request.attempts)), lastError, lockedBy: null, lockedAt: null },
      });
      if (failed && count === 1) await recordFailure(tx, request);
    });
    return failed ? ("failed" as const) : ("retrying" as const);
  }
}

/** Processes due requests until none is left, or `keepGoing` says stop; returns how many it handled. */
export async function drainQueue(workerId: string, clock: () => Date = () => new Date(), build?: Builder, keepGoing = () => true): Promise<number> {
  let handled = 0;
  while (keepGoing()) {
    const claimed = await claimNextRequest(workerId, clock());
    if (!claimed) return handled;
    await processRequest(workerId, claimed, clock(), build);
    handled++;
  }
  return handled;
}

/**
 * Gives back what this worker holds when it stops before finishing: the request goes back to the
 * queue, due at once, and the interrupted attempt does not count against it.
 */
export async function releaseClaims(workerId: string, now = new Date()): Promise<number> {
  const { count } = await database().prisma.dataRequest.updateMany({
    where: { status: "processing", lockedBy: workerId },
    data: { status: "queued", lockedBy: null, lockedAt: null, nextAttemptAt: now, attempts: { decrement: 1 } },
  });
  return count;
}

/** The person sees that it failed; the error itself is for admins (lastError), not the timeline. */
const recordFailure = (tx: Tx, request: { id: string; userId: string }) =>
  recordEvent(tx, { type: "data_request.failed", dataRequestId: request.id, userId: request.userId, actorId: null, fromState: "processing", toState: "failed" });

/** An admin puts a failed request back in the queue. */
export async function retryFailedRequest(id: string, actorId: string, now = new Date()): Promise<boolean> {
  return database().prisma.$transaction(async (tx) => {
    const [row] = await tx.$queryRaw<{ userId: string }[]>`
      UPDATE "DataRequest" SET status = 'queued', attempts = 0, "nextAttemptAt" = ${now}, "failedAt" = NULL
      WHERE id = ${id}::uuid AND status = 'failed' RETURNING "userId"`;
    if (!row) return false;
    await recordEvent(tx, { type: "data_request.retried", dataRequestId: id, userId: row.userId, actorId, fromState: "failed", toState: "queued" });
    return true;
  });
}

export const newWorkerId = () => `${process.pid}-${crypto.randomUUID().slice(0, 8)}`;
