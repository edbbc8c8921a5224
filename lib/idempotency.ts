import "server-only";
import crypto from "node:crypto";
import { db } from "./db/client";
import type { Tx } from "./db/connect";
import { Prisma } from "./generated/prisma/client";
import { AppError } from "./http/errors";

export interface StoredResponse {
  status: number;
  body: Prisma.InputJsonValue;
}

/** A fingerprint of what a request asks for, to tell a retry from a different request. */
export function fingerprint(...parts: (string | Uint8Array)[]): string {
  const hash = crypto.createHash("sha256");
  for (const part of parts) hash.update(part).update("\0");
  return hash.digest("hex");
}

/**
 * Runs a write under an optional `Idempotency-Key` (Stripe's and the IETF draft's semantics):
 * the first request's response is stored in the same transaction as its write; a retry with the
 * same key and body gets that response again without writing; the same key with another body is
 * refused. Two concurrent first attempts race on the unique key: one commits, the other rolls
 * back and returns the winner's response.
 */
export async function withIdempotency(
  options: { key: string | null; scope: string; fingerprint: string },
  write: (tx: Tx) => Promise<StoredResponse>,
): Promise<StoredResponse> {
  const { key, scope } = options;
  if (key === null) return db.$transaction(write);
  if (!/^[\x21-\x7e]{1,255}$/.test(key)) {
    throw new AppError("bad_request", "Idempotency-Key must be 1 to 255 visible ASCII characters.");
  }
  try {
    return await db.$transaction(async (tx) => {
      const previous = await tx.idempotencyKey.findUnique({ where: { scope_key: { scope, key } } });
      if (previous) return replay(previous, options.fingerprint);
      const response = await write(tx);
      await tx.idempotencyKey.create({
        data: { scope, key, requestHash: options.fingerprint, responseStatus: response.status, responseBody: response.body },
      });
      return response;
    });
  } catch (error) {
    if (!(error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002")) throw error;
    const winner = await db.idempotencyKey.findUnique({ where: { scope_key: { scope, key } } });
    if (!winner) throw error;
    return replay(winner, options.fingerprint);
  }
}

function replay(previous: { requestHash: string; responseStatus: number; responseBody: Prisma.JsonValue }, requestHash: string): StoredResponse {
  if (previous.requestHash !== requestHash) {
    throw new AppError("unprocessable", "This Idempotency-Key was already used for a different request.");
  }
  return { status: previous.responseStatus, body: previous.responseBody as Prisma.InputJsonValue };
}
