import type { Tx } from "./db/connect";
import type { Prisma } from "./generated/prisma/client";

export interface AuditEntry {
  actorId: string | null;
  /** The person the event is about, for the "activity" part of their data export. */
  subjectUserId?: string | null;
  organizationId?: string | null;
  action: string;
  targetType: string;
  targetId: string;
  fromState?: string | null;
  toState?: string | null;
  details?: Prisma.InputJsonValue;
}

/** Written inside the transaction of the change it records, so neither exists without the other. */
export async function recordAudit(tx: Tx, entry: AuditEntry): Promise<void> {
  await tx.auditEvent.create({ data: entry });
}
