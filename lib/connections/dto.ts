import type { z } from "zod";
import { iso, personDto, personSelect } from "../connection-requests/dto";
import { nextRuns } from "../cron";
import type { Prisma } from "../generated/prisma/client";
import type { ConnectionStatus } from "../generated/prisma/enums";
import type { ConnectionStatusName } from "../schemas/connections";
import type { accountManagerSchema, connectionOrganizationSchema, connectionSchema } from "../schemas/responses";

const organizationSelect = { id: true, name: true, type: true, createdAt: true, accountManager: { select: personSelect } } satisfies Prisma.OrganizationSelect;

/** What every read of a connection loads: one shape for list, detail, answers and webhooks. */
export const connectionInclude = {
  retailerOrganization: { select: organizationSelect },
  supplierOrganization: { select: organizationSelect },
  connectionRequest: { select: { requestedBy: { select: personSelect } } },
  feeds: { orderBy: { integration: { position: "asc" } }, include: { integration: { select: { id: true, type: true, updateFrequency: true } } } },
} satisfies Prisma.ConnectionInclude;

export type ConnectionRow = Prisma.ConnectionGetPayload<{ include: typeof connectionInclude }>;
export type ConnectionDto = z.output<typeof connectionSchema>;

/** The stored state as the mirrored API spells it. */
export const statusName: Record<ConnectionStatus, ConnectionStatusName> = {
  confirmation_waiting: "CONFIRMATION WAITING",
  active: "ACTIVE",
  deactivated: "DEACTIVATED",
};

type OrganizationRow = ConnectionRow["retailerOrganization"];

/** The platform admin who looks after an organization; the person's id is the manager's uuid too. */
function accountManagerDto(manager: OrganizationRow["accountManager"]): z.output<typeof accountManagerSchema> | null {
  return manager && { uuid: manager.id, person: personDto(manager) };
}

/**
 * A portal organization as the docs' Organization object. The portal has no websites or
 * activation step: `website` is empty, and an organization is active from the day it was created.
 */
function organizationDto(org: OrganizationRow): z.output<typeof connectionOrganizationSchema> {
  return {
    uuid: org.id,
    name: org.name,
    website: "",
    org_type: org.type === "retailer" ? "RETAILER" : "SUPPLIER",
    status: "ACTIVE",
    created_date: iso(org.createdAt),
    active_date: iso(org.createdAt),
    account_manager: accountManagerDto(org.accountManager),
    // As in the docs' example (and user-login): the id when it is that kind, else "".
    retailer_uuid: org.type === "retailer" ? org.id : "",
    supplier_uuid: org.type === "supplier" ? org.id : "",
  };
}

/** A supplier the retailer named that is not on the portal: known by name only, not onboarded. */
function unlistedSupplierDto(name: string): z.output<typeof connectionOrganizationSchema> {
  return {
    uuid: null,
    name,
    website: "",
    org_type: "SUPPLIER",
    status: "PENDING",
    created_date: null,
    active_date: null,
    account_manager: null,
    retailer_uuid: "",
    supplier_uuid: null,
  };
}

/** The request's supplier contact is a name, not a person of the portal: split at the first space, no uuid. */
function namedContact(row: ConnectionRow) {
  const [first = "", ...rest] = row.supplierContactName.trim().split(/\s+/);
  return { uuid: null, first_name: first, last_name: rest.join(" "), email: row.supplierContactEmail, phone: row.supplierContactPhone, job_title: "" };
}

/** When a live feed's next file is due (UTC); null when it is not live or has no valid schedule. */
function nextExpected(cron: string, now: Date): string | null {
  if (!cron.trim()) return null;
  try {
    const [next] = nextRuns(cron, 1, now);
    return next ? iso(next) : null;
  } catch {
    return null;
  }
}

export type NextExpected = (phase: string, cron: string) => string | null;

/**
 * nextExpected as of `now`, worked out once per schedule: a page's feeds share a few schedules,
 * and parsing the cron expression of each was a sixth of a list's time (README, "Performance").
 */
export function nextExpectedAsOf(now: Date): NextExpected {
  const known = new Map<string, string | null>();
  return (phase, cron) => {
    if (phase !== "live") return null;
    if (!known.has(cron)) known.set(cron, nextExpected(cron, now));
    return known.get(cron)!;
  };
}

/**
 * The docs' Connection object, key for key and in its order, then this portal's additions. Each
 * side's `uuid` is its organization's id: the portal keeps one record per organization.
 */
export function connectionDto(row: ConnectionRow, now = new Date(), nextExpectedFor: NextExpected = nextExpectedAsOf(now)): ConnectionDto {
  const requester = row.connectionRequest.requestedBy;
  const supplier = row.supplierOrganization;
  return {
    uuid: row.id,
    retailer: {
      uuid: row.retailerOrganization.id,
      organization: organizationDto(row.retailerOrganization),
      contact: requester && personDto(requester),
    },
    supplier: {
      uuid: supplier?.id ?? null,
      organization: supplier ? organizationDto(supplier) : unlistedSupplierDto(row.supplierName),
      contact: namedContact(row),
    },
    status: statusName[row.status],
    // The connection's account manager is the retailer's: the retailer asked for it.
    account_manager: accountManagerDto(row.retailerOrganization.accountManager),
    allocation_type: null,
    suppliers_retailer_account_number: row.suppliersRetailerAccountNumber,
    retailers_supplier_account_number: row.retailersSupplierAccountNumber,
    deactivated_date: row.deactivatedAt && iso(row.deactivatedAt),
    feeds: row.feeds.map((feed) => ({
      record_uuid: feed.integration.id,
      integration_type: feed.integration.type,
      update_frequency: feed.integration.updateFrequency,
      phase: feed.phase,
      phase_changed_date: iso(feed.phaseChangedAt),
      next_expected_date: nextExpectedFor(feed.phase, feed.integration.updateFrequency),
    })),
    activated_date: row.activatedAt && iso(row.activatedAt),
    connection_request_uuid: row.connectionRequestId,
  };
}
