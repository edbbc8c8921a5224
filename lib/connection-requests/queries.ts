import "server-only";
import type { Actor } from "../auth/actor";
import { db } from "../db/client";
import { notFound } from "../http/errors";
import { isUuid } from "../ids";
import { pageLimits, type ListConnectionRequestsQuery } from "../schemas/connection-requests";
import { visibleConnectionRequests } from "./access";
import { connectionRequestDto, connectionRequestInclude } from "./dto";
import type { Prisma } from "../generated/prisma/client";

/** `limit` and `start` as the mirrored API applies them: limit capped at 100, start at the total. */
export function applyPage(query: { limit?: number; start?: number }, total: number) {
  const limit = Math.min(query.limit ?? pageLimits.defaultLimit, pageLimits.maxLimit);
  const start = Math.min(query.start ?? 0, total);
  return { limit, start };
}

// Newest first; the id breaks ties so pages never overlap or skip.
const newestFirst = [{ requestDate: "desc" }, { id: "desc" }] satisfies Prisma.ConnectionRequestOrderByWithRelationInput[];

export async function listConnectionRequests(actor: Actor, query: ListConnectionRequestsQuery) {
  const where: Prisma.ConnectionRequestWhereInput = {
    ...visibleConnectionRequests(actor),
    ...(query.status ? { status: query.status } : {}),
    ...(query.q ? { supplierName: { contains: query.q, mode: "insensitive" } } : {}),
  };
  const total = await db.connectionRequest.count({ where });
  const { limit, start } = applyPage(query, total);
  const rows =
    limit === 0 || start >= total
      ? []
      : await db.connectionRequest.findMany({
          where,
          orderBy: newestFirst,
          skip: start,
          take: limit,
          include: connectionRequestInclude,
          relationLoadStrategy: "join",
        });
  return { requests: rows.map(connectionRequestDto), pagination: { total_count: total, start, limit } };
}

/** One request the actor may see; another organization's is 404, as if it did not exist. */
export async function getConnectionRequestForActor(actor: Actor, id: string) {
  if (!isUuid(id)) throw notFound();
  const row = await db.connectionRequest.findFirst({
    where: { id, ...visibleConnectionRequests(actor) },
    include: connectionRequestInclude,
    relationLoadStrategy: "join",
  });
  if (!row) throw notFound();
  return connectionRequestDto(row);
}
