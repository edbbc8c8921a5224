import "server-only";
import { isAdmin, type Actor } from "../auth/actor";
import { db } from "../db/client";
import type { ConnectionRequestStatus, Prisma } from "../generated/prisma/client";

/**
 * Lists of connection requests without count(*) or OFFSET scans.
 *
 * The database numbers every request densely from 1 in submission order, across the platform
 * (`sequence`) and within its organization (`orgSequence`), and keeps exact totals per scope in
 * ConnectionRequestTally (prisma/migrations/20261122100000_connection_request_positions). In a
 * newest-first list of `total` requests, position p (0-based) is therefore number `total - p`,
 * and the page `start`/`limit` is the number range (total - start - limit, total - start]: an
 * index range read whose cost does not depend on `start` or on the table's size.
 *
 * That holds for a whole scope only. A status filter still reads its exact total from the tally
 * but walks the (scope, status, number) index past `start` rows; a text search counts and skips
 * matching rows. Both are stated where they are used.
 */
export interface ListScope {
  /** The ConnectionRequestTally row. */
  tally: string;
  /** Which number orders this scope's list. */
  numberField: "sequence" | "orgSequence";
  /** The requests the actor may see. */
  where: Prisma.ConnectionRequestWhereInput;
}

export const platformTally = "platform";

/** Admins see the platform, members their organization; anyone else sees nothing (null). */
export function listScope(actor: Actor): ListScope | null {
  if (isAdmin(actor)) return scopeOf();
  return actor.organization ? scopeOf(actor.organization.id) : null;
}

/** One organization's requests, or the whole platform's. */
export function scopeOf(organizationId?: string): ListScope {
  return organizationId
    ? { tally: organizationId, numberField: "orgSequence", where: { organizationId } }
    : { tally: platformTally, numberField: "sequence", where: {} };
}

export type StatusCounts = Record<ConnectionRequestStatus, number>;
export interface ScopeTotals extends StatusCounts {
  all: number;
}

/** Exact totals of a scope: one primary-key read. */
export async function readTotals(scope: ListScope): Promise<ScopeTotals> {
  const row = await db.connectionRequestTally.findUnique({ where: { scope: scope.tally } });
  return {
    all: row?.lastSequence ?? 0,
    pending: row?.pending ?? 0,
    changes_requested: row?.changesRequested ?? 0,
    approved: row?.approved ?? 0,
    rejected: row?.rejected ?? 0,
  };
}

export function totalFor(totals: ScopeTotals, status?: ConnectionRequestStatus): number {
  return status ? totals[status] : totals.all;
}

/**
 * The numbers of positions start .. start + take - 1 of a newest-first list of `total`: the
 * `where` that selects exactly that page.
 */
export function pageRange(scope: ListScope, total: number, skip: number, take: number): Prisma.ConnectionRequestWhereInput {
  return { ...scope.where, [scope.numberField]: { lte: total - skip, gt: total - skip - take } };
}

/** Newest first by the scope's own number (the platform's for admins). */
export function newestFirst(scope: ListScope): Prisma.ConnectionRequestOrderByWithRelationInput {
  return { [scope.numberField]: "desc" };
}
