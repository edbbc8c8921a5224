import "server-only";
import type { Actor } from "../auth/actor";
import { recordAudit } from "../audit";
import { db } from "../db/client";
import type { Tx } from "../db/connect";
import { recordEvent } from "../events/record";
import { AppError, notFound } from "../http/errors";
import { isUuid } from "../ids";
import type { CreateConnectionRequestInput, IntegrationInput, UpdateConnectionRequestInput } from "../schemas/connection-requests";
import { withIdempotency } from "../idempotency";
import { consume, createsPerPerson } from "../rate-limit";
import { requireRequestingMember, requireRetailer } from "./access";
import { editableStatuses, moveConnectionRequest } from "./transitions";

/**
 * Files a connection request as the API and the portal do: counted against the person's create
 * limit, and under an optional Idempotency-Key (same key and body: the first answer again).
 */
export async function submitConnectionRequest(
  actor: Actor,
  input: CreateConnectionRequestInput,
  idempotency: { key: string | null; fingerprint: string } = { key: null, fingerprint: "" },
) {
  requireRetailer(actor);
  await consume(createsPerPerson, actor.userId);
  return withIdempotency({ ...idempotency, scope: `${actor.userId}:create-connection-request` }, async (tx) => ({
    status: 201,
    body: await createConnectionRequest(tx, actor, input),
  }));
}

/** Creates a request for the actor's retailer organization; returns what the API answers. */
export async function createConnectionRequest(tx: Tx, actor: Actor, input: CreateConnectionRequestInput) {
  const organization = requireRetailer(actor);
  const fileIds = await ownFileIds(tx, organization.id, input.uploaded_files ?? []);
  const request = await tx.connectionRequest.create({
    data: {
      organizationId: organization.id,
      requestedById: actor.userId,
      supplierName: input.organization_name,
      contactFullName: input.primary_contact_name,
      contactPhone: input.primary_contact_phone ?? "",
      contactEmail: input.primary_contact_email ?? "",
      retailerAccountNumber: input.organization_account_number ?? "",
      additionalInformation: input.additional_information ?? "",
      integrations: { create: (input.integrations ?? []).map(integrationData) },
      files: { create: fileIds.map((fileId, position) => ({ fileId, position })) },
    },
  });
  await recordAudit(tx, {
    actorId: actor.userId,
    subjectUserId: actor.userId,
    organizationId: organization.id,
    action: "connection_request.create",
    targetType: "connection_request",
    targetId: request.id,
    toState: "pending",
  });
  await recordEvent(tx, {
    type: "connection_request.submitted",
    connectionRequestId: request.id,
    organizationId: organization.id,
    actorId: actor.userId,
    toState: "pending",
  });
  return { request_uuid: request.id, request_date: request.requestDate.toISOString() };
}

/**
 * Partial update while pending or sent back for changes. The state check and the write are one
 * conditional update, so an edit can never land on a request an admin decided a moment before.
 * It writes `updatedAt`, the request's version: a decision made on what was there before is refused.
 */
export async function updateConnectionRequest(actor: Actor, id: string, input: UpdateConnectionRequestInput) {
  await db.$transaction((tx) => writeUpdate(tx, actor, id, input));
}

async function writeUpdate(tx: Tx, actor: Actor, id: string, input: UpdateConnectionRequestInput) {
  const organization = requireRequestingMember(actor);
  if (!isUuid(id)) throw notFound();
  const { count } = await tx.connectionRequest.updateMany({
    where: { id, organizationId: organization.id, status: { in: editableStatuses } },
    data: {
      supplierName: input.organization_name,
      contactFullName: input.primary_contact_name,
      contactPhone: input.primary_contact_phone,
      contactEmail: input.primary_contact_email,
      retailerAccountNumber: input.organization_account_number,
      additionalInformation: input.additional_information,
      updatedAt: new Date(),
    },
  });
  if (count === 0) {
    const existing = await tx.connectionRequest.findFirst({ where: { id, organizationId: organization.id }, select: { status: true } });
    if (!existing) throw notFound();
    throw new AppError("unprocessable", `This request has been ${existing.status} and can no longer be changed.`);
  }
  if (input.integrations) await replaceIntegrations(tx, id, input.integrations);
  if (input.uploaded_files) {
    const fileIds = await ownFileIds(tx, organization.id, input.uploaded_files);
    await tx.connectionRequestFile.deleteMany({ where: { connectionRequestId: id } });
    await tx.connectionRequestFile.createMany({ data: fileIds.map((fileId, position) => ({ connectionRequestId: id, fileId, position })) });
  }
  await recordAudit(tx, {
    actorId: actor.userId,
    subjectUserId: actor.userId,
    organizationId: organization.id,
    action: "connection_request.update",
    targetType: "connection_request",
    targetId: id,
  });
  // On the request's timeline, so a reviewing admin sees that (and when) it changed.
  await recordEvent(tx, { type: "connection_request.edited", connectionRequestId: id, organizationId: organization.id, actorId: actor.userId });
}

/** The requesting organization sends a request it has edited back to the admins: pending again. */
export async function resubmitConnectionRequest(actor: Actor, id: string) {
  const organization = requireRequestingMember(actor);
  if (!isUuid(id)) throw notFound();
  await db.$transaction((tx) => moveConnectionRequest(tx, id, "resubmit", { actorId: actor.userId, scope: { organizationId: organization.id } }));
}

function integrationData(integration: IntegrationInput, position: number) {
  return {
    type: integration.type,
    updateFrequency: integration.update_frequency,
    fileLocations: integration.file_locations ?? null,
    fileSpecs: integration.file_specs ?? null,
    rules: integration.rules ?? null,
    position,
  };
}

/** The new set replaces the old; entries that carry a `record_uuid` of this request keep it. */
async function replaceIntegrations(tx: Tx, requestId: string, integrations: IntegrationInput[]) {
  const existing = new Set(
    (await tx.integration.findMany({ where: { connectionRequestId: requestId }, select: { id: true } })).map((row) => row.id),
  );
  const fieldErrors: Record<string, string[]> = {};
  integrations.forEach((integration, index) => {
    if (integration.record_uuid && !existing.has(integration.record_uuid)) {
      fieldErrors[`integrations[${index}].record_uuid`] = ["No integration with this id belongs to this request."];
    }
  });
  if (Object.keys(fieldErrors).length) throw new AppError("validation", "Invalid input.", { fieldErrors });

  const kept = integrations.flatMap((integration) => (integration.record_uuid ? [integration.record_uuid] : []));
  await tx.integration.deleteMany({ where: { connectionRequestId: requestId, id: { notIn: kept } } });
  for (const [position, integration] of integrations.entries()) {
    if (integration.record_uuid) {
      await tx.integration.update({ where: { id: integration.record_uuid }, data: integrationData(integration, position) });
    } else {
      await tx.integration.create({ data: { ...integrationData(integration, position), connectionRequestId: requestId } });
    }
  }
}

/** Uploads may only be attached by their own organization: anything else is a field error. */
async function ownFileIds(tx: Tx, organizationId: string, ids: string[]): Promise<string[]> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return [];
  const found = new Set(
    (await tx.uploadedFile.findMany({ where: { id: { in: unique }, organizationId }, select: { id: true } })).map((row) => row.id),
  );
  const unknown = unique.filter((id) => !found.has(id));
  if (unknown.length) {
    throw new AppError("validation", "Invalid input.", {
      fieldErrors: { uploaded_files: unknown.map((id) => `No uploaded file "${id}" belongs to your organization.`) },
    });
  }
  return unique;
}
