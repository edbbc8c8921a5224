import "server-only";
import type { Actor } from "../auth/actor";
import { db } from "../db/client";
import type { Tx } from "../db/connect";
import { readPage, type PageQuery } from "../pagination";
import { findVisibleConnection, visibleConnections } from "./access";
import { connectionDto, connectionInclude, type ConnectionDto } from "./dto";

/**
 * The actor's connections, newest first, a page at a time. The mirrored API answers a bare array,
 * so the page's `start`/`limit` (forced as on the other TIMP list) are applied but not echoed.
 */
export async function listConnections(actor: Actor, query: PageQuery): Promise<ConnectionDto[]> {
  const where = visibleConnections(actor);
  const { rows } = await readPage(
    query,
    () => db.connection.count({ where }),
    (skip, take) => db.connection.findMany({ where, orderBy: [{ createdAt: "desc" }, { id: "desc" }], skip, take, include: connectionInclude }),
  );
  const now = new Date();
  return rows.map((row) => connectionDto(row, now));
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
