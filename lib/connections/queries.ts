import "server-only";
import type { Actor } from "../auth/actor";
import { db } from "../db/client";
import type { Tx } from "../db/connect";
import type { Prisma } from "../generated/prisma/client";
import { readPage, type PageQuery } from "../pagination";
import { findVisibleConnection, visibleConnections } from "./access";
import { connectionDto, connectionInclude, nextExpectedAsOf, type ConnectionDto } from "./dto";

/**
 * The actor's connections, newest first, a page at a time. The mirrored API answers a bare array,
 * so the page's `start`/`limit` (forced as on the other TIMP list) are applied but not echoed.
 * The page's ids are found first and only its rows loaded with their relations: with the include
 * in the paged query, the joined relations were built for every row OFFSET walked past.
 */
export async function listConnections(actor: Actor, query: PageQuery): Promise<ConnectionDto[]> {
  const { rows } = await readConnectionPage(visibleConnections(actor), query);
  const now = new Date();
  const nextExpected = nextExpectedAsOf(now);
  return rows.map((row) => connectionDto(row, now, nextExpected));
}

/** A page of the connections `where` selects, newest first, with their relations; for the API and the portal alike. */
export async function readConnectionPage(where: Prisma.ConnectionWhereInput, query: PageQuery) {
  return readPage(
    query,
    () => db.connection.count({ where }),
    async (skip, take, total) => {
      const ids = await pageIds(where, { skip, take, total }, skip + take / 2 > total / 2 ? "end" : "start");
      const loaded = new Map((await db.connection.findMany({ where: { id: { in: ids } }, include: connectionInclude })).map((row) => [row.id, row]));
      return ids.flatMap((id) => loaded.get(id) ?? []);
    },
  );
}

/**
 * The ids of rows `skip` to `skip + take` of the list newest first (of `total`), read from
 * `start` or from the `end`: oldest first, skipping the rows after the page, then turned around.
 * From the end a page in the second half walks fewer rows, so the last page costs what the first does.
 */
export async function pageIds(where: Prisma.ConnectionWhereInput, page: { skip: number; take: number; total: number }, from: "start" | "end"): Promise<string[]> {
  const select = { id: true } as const;
  if (from === "start") {
    const rows = await db.connection.findMany({ where, orderBy: [{ createdAt: "desc" }, { id: "desc" }], skip: page.skip, take: page.take, select });
    return rows.map((row) => row.id);
  }
  const after = Math.max(0, page.total - page.skip - page.take);
  const rows = await db.connection.findMany({ where, orderBy: [{ createdAt: "asc" }, { id: "asc" }], skip: after, take: Math.max(0, page.total - page.skip - after), select });
  return rows.map((row) => row.id).reverse();
}

/** One connection the actor can see (else 404). */
export async function getConnection(actor: Actor, id: string): Promise<ConnectionDto> {
  const { connection } = await findVisibleConnection(db, actor, id);
  return readConnection(db, connection.id);
}

/** A connection as the API answers it, read in the caller's transaction (after a change, before its commit). */
export async function readConnection(tx: Tx, id: string): Promise<ConnectionDto> {
  return connectionDto(await tx.connection.findUniqueOrThrow({ where: { id }, include: connectionInclude }));
}
