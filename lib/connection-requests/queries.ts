import "server-only";
import type { Actor } from "../auth/actor";
import { db } from "../db/client";
import { notFound } from "../http/errors";
import { isUuid } from "../ids";
import { readPage } from "../pagination";
import type { ListConnectionRequestsQuery } from "../schemas/connection-requests";
import { visibleConnectionRequests } from "./access";
import { connectionRequestDto, connectionRequestInclude } from "./dto";
import type { Prisma } from "../generated/prisma/client";

// Newest first; the id breaks ties so pages never overlap or skip.
const newestFirst = [{ requestDate: "desc" }, { id: "desc" }] satisfies Prisma.ConnectionRequestOrderByWithRelationInput[];

export async function listConnectionRequests(actor: Actor, query: ListConnectionRequestsQuery) {
  const where: Prisma.ConnectionRequestWhereInput = {
    ...visibleConnectionRequests(actor),
    ...(query.status ? { status: query.status } : {}),
    ...(query.q ? { supplierName: { contains: query.q, mode: "insensitive" } } : {}),
  };
  const { rows, pagination } = await readPage(
    query,
    () => db.connectionRequest.count({ where }),
    (skip, take) =>
      db.connectionRequest.findMany({ where, orderBy: newestFirst, skip, take, include: connectionRequestInclude, relationLoadStrategy: "join" }),
  );
  return { requests: rows.map(connectionRequestDto), pagination };
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
