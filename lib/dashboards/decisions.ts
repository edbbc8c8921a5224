import "server-only";
import { db } from "../db/client";
import type { Prisma } from "../generated/prisma/client";

export const decisionEventTypes = ["connection_request.approved", "connection_request.rejected", "connection_request.changes_requested"] as const;
export type DecisionKind = "approved" | "rejected" | "changes_requested";

export interface RecentDecision {
  requestId: string;
  supplierName: string;
  organizationName: string;
  decision: DecisionKind;
  /** The rejection reason or what to change. */
  message: string | null;
  at: string;
}

/** The latest decisions in a scope, newest first, with their reasons: one index walk over events. */
export async function recentDecisions(where: Prisma.EventWhereInput, take = 5): Promise<RecentDecision[]> {
  const events = await db.event.findMany({
    where: { ...where, type: { in: [...decisionEventTypes] }, connectionRequestId: { not: null } },
    orderBy: { sequence: "desc" },
    take,
    select: {
      type: true,
      message: true,
      createdAt: true,
      connectionRequest: { select: { id: true, supplierName: true, organization: { select: { name: true } } } },
    },
  });
  return events.flatMap(({ type, message, createdAt, connectionRequest: request }) =>
    request
      ? [{
          requestId: request.id,
          supplierName: request.supplierName,
          organizationName: request.organization.name,
          decision: type.slice(type.indexOf(".") + 1) as DecisionKind,
          message,
          at: createdAt.toISOString(),
        }]
      : [],
  );
}
