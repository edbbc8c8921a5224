import "server-only";
import type { Tx } from "../db/connect";
import { recordEvent } from "../events/record";
import { AppError } from "../http/errors";
import { inviteSupplier } from "./invitations";

const supplierFieldError = (message: string) => new AppError("validation", "Invalid input.", { fieldErrors: { supplier_organization_uuid: [message] } });

/** The admin named the supplier organization: it must exist and be a supplier (else 400 on the field). */
export async function assertSupplierOrganization(tx: Tx, id: string): Promise<void> {
  const org = await tx.organization.findUnique({ where: { id }, select: { type: true } });
  if (!org) throw supplierFieldError("No organization has this uuid.");
  if (org.type !== "supplier") throw supplierFieldError("This organization is not a supplier.");
}

/**
 * The supplier an approval links: the one the admin named (null: the admin chose none, to invite
 * by e-mail), else the one supplier organization whose name is the requested one
 * (case-insensitive). Several or none: not linked (yet).
 */
async function resolveSupplier(tx: Tx, supplierName: string, named: string | null | undefined): Promise<string | null> {
  if (named !== undefined) return named;
  const matches = await tx.organization.findMany({ where: { nameKey: supplierName.trim().toLowerCase(), type: "supplier" }, select: { id: true }, take: 2 });
  return matches.length === 1 ? matches[0]!.id : null;
}

interface ApprovedRequest {
  id: string;
  organizationId: string;
  supplierName: string;
  contactFullName: string;
  contactEmail: string;
  contactPhone: string;
  retailerAccountNumber: string;
}

/**
 * Approval creates the connection, waiting for the supplier to confirm it, with one feed (in
 * setup) per integration of the request, and records `connection.created`, all in the
 * approval's transaction, with the invitation mail to a supplier not on the portal (outbox). The
 * account number the retailer gave is the one the supplier knows it by
 * (`suppliers_retailer_account_number`); the supplier can correct it.
 */
export async function createConnectionForRequest(tx: Tx, request: ApprovedRequest, actorId: string, supplierOrganizationId?: string | null): Promise<string> {
  const integrations = await tx.integration.findMany({ where: { connectionRequestId: request.id }, select: { id: true } });
  const supplier = await resolveSupplier(tx, request.supplierName, supplierOrganizationId);
  const connection = await tx.connection.create({
    data: {
      connectionRequestId: request.id,
      retailerOrganizationId: request.organizationId,
      supplierOrganizationId: supplier,
      supplierName: request.supplierName,
      supplierContactName: request.contactFullName,
      supplierContactEmail: request.contactEmail,
      supplierContactPhone: request.contactPhone,
      retailerAccountNumber: request.retailerAccountNumber,
      suppliersRetailerAccountNumber: request.retailerAccountNumber || null,
      status: "confirmation_waiting",
      feeds: { create: integrations.map((integration) => ({ integrationId: integration.id })) },
    },
    select: { id: true },
  });
  await recordEvent(tx, {
    type: "connection.created",
    actorId,
    connectionId: connection.id,
    organizationId: request.organizationId,
    toState: "CONFIRMATION WAITING",
  });
  // A supplier not on the portal is asked to join, by the contact the retailer named.
  if (!supplier && request.contactEmail.trim()) await inviteSupplier(tx, connection.id, request.contactEmail, actorId);
  return connection.id;
}
