import "server-only";
import crypto from "node:crypto";
import { isAdmin, type Actor } from "../auth/actor";
import { db } from "../db/client";
import type { Tx } from "../db/connect";
import { AppError, notFound } from "../http/errors";
import { isUuid } from "../ids";
import { fingerprint, withIdempotency } from "../idempotency";
import { consume, createsPerPerson } from "../rate-limit";
import { cleanFileName, sniffContentType } from "./content-type";

function requireMember(actor: Actor) {
  if (!actor.organization) throw new AppError("wrong_organization_type", "Only members of an organization can upload files.");
  return actor.organization;
}

/** An upload as the API takes it: counted against the create limit, under an optional Idempotency-Key. */
export async function submitUpload(actor: Actor, upload: { bytes: Buffer; name: string }, idempotencyKey: string | null) {
  requireMember(actor);
  await consume(createsPerPerson, actor.userId);
  return withIdempotency(
    { key: idempotencyKey, scope: `${actor.userId}:upload-file`, fingerprint: fingerprint(upload.name, upload.bytes) },
    async (tx) => ({ status: 201, body: await storeUpload(tx, actor, upload) }),
  );
}

/** Stores an upload for the actor's organization, in the database so every instance serves it. */
export async function storeUpload(tx: Tx, actor: Actor, upload: { bytes: Buffer; name: string }) {
  const organization = requireMember(actor);
  const file = await tx.uploadedFile.create({
    data: {
      organizationId: organization.id,
      uploadedById: actor.userId,
      name: cleanFileName(upload.name),
      contentType: await sniffContentType(upload.bytes),
      size: upload.bytes.byteLength,
      sha256: crypto.createHash("sha256").update(upload.bytes).digest("hex"),
      content: new Uint8Array(upload.bytes),
    },
    select: { id: true },
  });
  return { uuid: file.id };
}

/** A file with its content, if the actor's organization uploaded it or the actor is an admin. */
export async function getFileForActor(actor: Actor, id: string) {
  if (!isUuid(id) || !(isAdmin(actor) || actor.organization)) throw notFound();
  const file = await db.uploadedFile.findFirst({
    where: { id, ...(isAdmin(actor) ? {} : { organizationId: actor.organization?.id }) },
    omit: { content: false },
  });
  if (!file) throw notFound();
  return file;
}
