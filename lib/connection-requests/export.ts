import "server-only";
import type { Readable } from "node:stream";
import type { Actor } from "../auth/actor";
import { csvFileName, csvStream } from "../csv";
import { db } from "../db/client";
import type { ConnectionRequestStatus, Prisma } from "../generated/prisma/client";
import { forbidden } from "../http/errors";
import { assertCanDecide } from "./decisions";
import { scopeOf, type ListScope } from "./positions";

export interface ExportFilter {
  status?: ConnectionRequestStatus;
  q?: string;
  organization?: string;
}

const batchSize = 500;

const header = [
  "Request ID", "Supplier", "Requesting organization", "Requested by", "Contact name", "Contact phone", "Contact e-mail",
  "Account number", "Integrations", "Status", "Requested at (UTC)", "Decided at (UTC)", "Decided by", "Rejection reason", "Additional information",
];

const exportSelect = {
  id: true,
  sequence: true,
  orgSequence: true,
  supplierName: true,
  contactFullName: true,
  contactPhone: true,
  contactEmail: true,
  retailerAccountNumber: true,
  additionalInformation: true,
  status: true,
  requestDate: true,
  decidedAt: true,
  rejectionReason: true,
  organization: { select: { name: true } },
  requestedBy: { select: { email: true } },
  decidedBy: { select: { email: true } },
  integrations: { orderBy: { position: "asc" }, select: { type: true } },
} satisfies Prisma.ConnectionRequestSelect;
type ExportRow = Prisma.ConnectionRequestGetPayload<{ select: typeof exportSelect }>;

export interface CsvExport {
  csv: Readable;
  fileName: string;
}

/** A member's organization's requests, filtered as their list is; someone in no organization has none to export. */
export function exportOrganizationRequests(actor: Actor, filter: ExportFilter, now = new Date()): CsvExport {
  if (!actor.organization) throw forbidden("You do not belong to an organization, so there are no requests to export.");
  return { csv: csvOf(scopeOf(actor.organization.id), { status: filter.status, q: filter.q }), fileName: csvFileName("connection-requests", now) };
}

/** The approval queue as an admin has filtered it (status, organization, search). */
export function exportApprovalQueue(actor: Actor, filter: ExportFilter, now = new Date()): CsvExport {
  assertCanDecide(actor);
  return { csv: csvOf(scopeOf(filter.organization), filter, true), fileName: csvFileName("approval-queue", now) };
}

/**
 * The CSV, streamed (lib/csv.ts: header, formula escaping, back-pressure): rows are read in
 * batches in submission order by keyset on the scope's own number, so memory stays flat whatever
 * the size.
 */
function csvOf(scope: ListScope, filter: ExportFilter, searchOrganizations = false): Readable {
  const where: Prisma.ConnectionRequestWhereInput = {
    ...scope.where,
    ...(filter.status ? { status: filter.status } : {}),
    ...(filter.q
      ? {
          OR: [
            { supplierName: { contains: filter.q, mode: "insensitive" } },
            ...(searchOrganizations ? [{ organization: { name: { contains: filter.q, mode: "insensitive" as const } } }] : []),
          ],
        }
      : {}),
  };
  return csvStream(header, batches(scope, where));
}

async function* batches(scope: ListScope, where: Prisma.ConnectionRequestWhereInput) {
  const field = scope.numberField;
  let after = 0;
  for (;;) {
    const page: ExportRow[] = await db.connectionRequest.findMany({
      where: { ...where, [field]: { gt: after } },
      orderBy: { [field]: "asc" },
      take: batchSize,
      select: exportSelect,
    });
    for (const row of page) yield record(row);
    if (page.length < batchSize) return;
    after = page.at(-1)![field];
  }
}

function record(row: ExportRow): unknown[] {
  return [
    row.id,
    row.supplierName,
    row.organization.name,
    row.requestedBy?.email ?? "",
    row.contactFullName,
    row.contactPhone ?? "",
    row.contactEmail ?? "",
    row.retailerAccountNumber ?? "",
    row.integrations.map((integration) => integration.type).join(" "),
    row.status,
    row.requestDate,
    row.decidedAt ?? "",
    row.decidedBy?.email ?? "",
    row.rejectionReason ?? "",
    row.additionalInformation ?? "",
  ];
}
