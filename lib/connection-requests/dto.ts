import type { z } from "zod";
import type { Prisma } from "../generated/prisma/client";
import type { connectionRequestSchema, personSchema } from "../schemas/responses";

export const personSelect = {
  id: true,
  firstName: true,
  lastName: true,
  email: true,
  phone: true,
  jobTitle: true,
} satisfies Prisma.UserSelect;

/** What every read of a connection request loads: one shape for list and detail. */
export const connectionRequestInclude = {
  integrations: { orderBy: { position: "asc" } },
  files: { orderBy: { position: "asc" }, select: { file: { select: { id: true, name: true } } } },
  decidedBy: { select: personSelect },
  requestedBy: { select: personSelect },
} satisfies Prisma.ConnectionRequestInclude;

type Row = Prisma.ConnectionRequestGetPayload<{ include: typeof connectionRequestInclude }>;
type PersonRow = { id: string; firstName: string; lastName: string; email: string; phone: string; jobTitle: string };

export const iso = (date: Date) => date.toISOString();

/**
 * A request's version: when it last changed, in milliseconds. Every edit and decision writes
 * `updatedAt`, so a decision that carries the version it was made on can tell it is stale.
 */
export const versionOf = (row: { updatedAt: Date }) => row.updatedAt.getTime();

export function personDto(user: PersonRow): z.output<typeof personSchema> {
  return {
    uuid: user.id,
    first_name: user.firstName,
    last_name: user.lastName,
    email: user.email,
    phone: user.phone,
    job_title: user.jobTitle,
  };
}

/** The mirrored API's Connection Request object, plus this portal's additions (status, decision, requester). */
export function connectionRequestDto(row: Row): ConnectionRequestDto {
  const approved = row.status === "approved";
  return {
    record_uuid: row.id,
    integrations: row.integrations.map((integration) => ({
      record_uuid: integration.id,
      integration_type: integration.type,
      update_frequency: integration.updateFrequency,
      feed_source_file_locations: integration.fileLocations,
      file_specs: integration.fileSpecs,
      rules: integration.rules,
      date_created: iso(integration.createdAt),
    })),
    uploaded_files: row.files.map(({ file }) => ({ uuid: file.id, name: file.name })),
    org_name: row.supplierName,
    org_contact_full_name: row.contactFullName,
    primary_contact_phone: row.contactPhone,
    primary_contact_email: row.contactEmail,
    retailer_account_number: row.retailerAccountNumber,
    additional_information: row.additionalInformation,
    request_date: iso(row.requestDate),
    is_approved: approved,
    approved_by: approved && row.decidedBy ? { uuid: row.decidedBy.id, person: personDto(row.decidedBy) } : null,
    status: row.status,
    rejection_reason: row.rejectionReason,
    decided_at: row.decidedAt && iso(row.decidedAt),
    requested_by: row.requestedBy && personDto(row.requestedBy),
    version: versionOf(row),
  };
}

export type ConnectionRequestDto = z.output<typeof connectionRequestSchema>;
