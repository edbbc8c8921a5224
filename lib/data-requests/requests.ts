import "server-only";
import { db } from "../db/client";
import { env } from "../env";
import { AppError, notFound } from "../http/errors";
import { isUuid } from "../ids";
import type { Prisma } from "../generated/prisma/client";
import { consume, createsPerPerson } from "../rate-limit";
import { dataRequestDto } from "./dto";
import { recordEvent } from "../events/record";

/** "Active": neither cancelled nor expired. Everything else is gone from every list and read. */
export function activeFor(userId: string, now: Date): Prisma.DataRequestWhereInput {
  return { userId, status: { not: "cancelled" }, OR: [{ expiresAt: null }, { expiresAt: { gt: now } }] };
}

export async function listDataRequests(userId: string, now = new Date()) {
  const rows = await db.dataRequest.findMany({ where: activeFor(userId, now), orderBy: [{ createdAt: "desc" }, { id: "desc" }] });
  return rows;
}

export async function getDataRequest(userId: string, id: string, now = new Date()) {
  if (!isUuid(id)) throw notFound("No such data request.");
  const row = await db.dataRequest.findFirst({ where: { id, ...activeFor(userId, now) } });
  if (!row) throw notFound("No such data request.");
  return row;
}

export async function listDataTypes() {
  return db.dataType.findMany({ orderBy: { position: "asc" }, select: { id: true, title: true, description: true } });
}

/**
 * Files a request for a copy of the person's data. Unknown ids are a 400 naming the valid ones;
 * more than DATA_REQUEST_MAX_OPEN unfinished requests is a 429.
 */
export async function createDataRequest(userId: string, dataTypes: string[], now = new Date()) {
  const catalogue = (await listDataTypes()).map((type) => type.id);
  const unknown = dataTypes.filter((id) => !catalogue.includes(id));
  if (unknown.length) {
    throw new AppError("validation", `Unknown data type${unknown.length > 1 ? "s" : ""}: ${unknown.join(", ")}. Valid ones: ${catalogue.join(", ")}.`, {
      fieldErrors: { dataRequested: [`Valid data types: ${catalogue.join(", ")}.`] },
    });
  }
  await consume(createsPerPerson, userId);
  const { DATA_REQUEST_MAX_OPEN, DATA_REQUEST_SLA_HOURS } = env();
  return db.$transaction(async (tx) => {
    // Counted inside the transaction that inserts: a burst of requests cannot all slip past it.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${userId}))`;
    const open = await tx.dataRequest.count({ where: { userId, status: { in: ["queued", "processing"] } } });
    if (open >= DATA_REQUEST_MAX_OPEN) {
      throw new AppError("rate_limited", `You already have ${open} data requests in progress; wait for one to finish.`, {
        retryAfterSeconds: 60,
      });
    }
    const row = await tx.dataRequest.create({
      data: {
        userId,
        dataTypes,
        createdAt: now,
        nextAttemptAt: now,
        expectedCompletion: new Date(now.getTime() + DATA_REQUEST_SLA_HOURS * 3_600_000),
      },
    });
    await recordEvent(tx, { type: "data_request.submitted", dataRequestId: row.id, userId, actorId: userId, toState: "queued" });
    return dataRequestDto(row);
  });
}

/** Cancels a request that has not completed; 404 for anyone else's or a finished one. */
export async function cancelDataRequest(userId: string, id: string, now = new Date()) {
  if (!isUuid(id)) throw notFound("No such data request.");
  const cancelled = await db.$transaction(async (tx) => {
    const [row] = await tx.$queryRaw<{ status: string }[]>`
      SELECT status FROM "DataRequest" WHERE id = ${id}::uuid AND "userId" = ${userId}::uuid FOR UPDATE`;
    if (!row || !["queued", "processing", "failed"].includes(row.status)) return false;
    await tx.dataRequest.update({ where: { id }, data: { status: "cancelled", cancelledAt: now, lockedBy: null } });
    await recordEvent(tx, { type: "data_request.cancelled", dataRequestId: id, userId, actorId: userId, fromState: row.status, toState: "cancelled" });
    return true;
  });
  if (cancelled) return;
  const existing = await db.dataRequest.findFirst({ where: { id, ...activeFor(userId, now) }, select: { status: true } });
  if (!existing) throw notFound("No such data request.");
  throw new AppError("conflict", "This data request is complete and can no longer be cancelled.");
}

/** The archive of a completed, unexpired request of the person. */
export async function getDataRequestArchive(userId: string, id: string, now = new Date()) {
  const request = await getDataRequest(userId, id, now);
  if (request.status !== "completed") throw new AppError("conflict", "This data request is not complete yet.");
  const archive = await db.dataRequestArchive.findUnique({ where: { dataRequestId: id }, omit: { content: false } });
  if (!archive) throw notFound("No such data request.");
  return { archive, fileName: `data-export-${request.createdAt.toISOString().slice(0, 10)}-${id.slice(0, 8)}.zip` };
}
