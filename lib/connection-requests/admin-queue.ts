import "server-only";
import type { Actor } from "../auth/actor";
import { db } from "../db/client";
import type { ConnectionRequestStatus, Prisma } from "../generated/prisma/client";
import { assertCanDecide } from "./decisions";
import { versionOf } from "./dto";
import { readTotals, scopeOf, type StatusCounts } from "./positions";

export interface ApprovalQueueQuery {
  status?: ConnectionRequestStatus;
  organization?: string;
  q?: string;
  start: number;
  limit: number;
}

/**
 * The admins' queue: pending first, then oldest first, with counts per status. Without a text
 * search the counts are the scope's tally (the platform's, or the chosen organization's) and the
 * rows an index walk over (status, number); a search counts its matches with one grouped query.
 * Rows carry what the queue shows and no more: reading each request's integrations, files and
 * people as the API does took a third of the page's time at 10^6 rows (README, "Performance").
 */
export async function listApprovalQueue(actor: Actor, query: ApprovalQueueQuery) {
  assertCanDecide(actor);
  const scope = scopeOf(query.organization);
  const base: Prisma.ConnectionRequestWhereInput = {
    ...scope.where,
    ...(query.q
      ? { OR: [{ supplierName: { contains: query.q, mode: "insensitive" } }, { organization: { name: { contains: query.q, mode: "insensitive" } } }] }
      : {}),
  };
  const counts = query.q ? await countByStatus(base) : await readTotals(scope);
  const total = query.status ? counts[query.status] : counts.pending + counts.changes_requested + counts.approved + counts.rejected;
  const rows =
    query.start >= total
      ? []
      : await db.connectionRequest.findMany({
          where: { ...base, ...(query.status ? { status: query.status } : {}) },
          orderBy: [{ status: "asc" }, { [scope.numberField]: "asc" }],
          skip: query.start,
          take: query.limit,
          select: { id: true, supplierName: true, requestDate: true, status: true, updatedAt: true, organization: { select: { id: true, name: true } } },
          relationLoadStrategy: "join",
        });
  return {
    counts: { pending: counts.pending, changes_requested: counts.changes_requested, approved: counts.approved, rejected: counts.rejected } satisfies StatusCounts,
    total,
    requests: rows.map((row) => ({
      record_uuid: row.id,
      org_name: row.supplierName,
      request_date: row.requestDate.toISOString(),
      status: row.status,
      organization: row.organization,
      version: versionOf(row),
    })),
  };
}

async function countByStatus(where: Prisma.ConnectionRequestWhereInput) {
  const groups = await db.connectionRequest.groupBy({ by: ["status"], where, _count: { _all: true } });
  const counts: StatusCounts = { pending: 0, changes_requested: 0, approved: 0, rejected: 0 };
  for (const group of groups) counts[group.status] = group._count._all;
  return counts;
}

/** The organization an admin filters the queue by, for the filter's label; null when unknown. */
export function getFilterOrganization(actor: Actor, id: string | undefined) {
  assertCanDecide(actor);
  return id ? db.organization.findUnique({ where: { id }, select: { id: true, name: true } }) : null;
}

/** The organization behind a request, with how established it is, for the reviewing admin. */
export async function getRequestingOrganization(actor: Actor, id: string) {
  assertCanDecide(actor);
  const request = await db.connectionRequest.findUniqueOrThrow({
    where: { id },
    select: {
      organization: {
        select: { id: true, name: true, type: true, createdAt: true, accountManagerId: true, _count: { select: { members: true, connectionRequests: true } } },
      },
    },
  });
  return request.organization;
}
