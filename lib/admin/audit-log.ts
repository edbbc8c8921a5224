import "server-only";
import type { Readable } from "node:stream";
import { assertAdmin, type Actor } from "../auth/actor";
import { csvFileName, csvStream } from "../csv";
import { db } from "../db/client";
import type { Prisma } from "../generated/prisma/client";
import type { AuditLogFilter, AuditLogQuery } from "../schemas/admin";

const refusal = "Only platform admins can read the audit log.";
export const auditPageSize = 50;
const exportBatch = 500;
const dayMs = 24 * 60 * 60 * 1000;

const entrySelect = {
  id: true,
  createdAt: true,
  action: true,
  targetType: true,
  targetId: true,
  fromState: true,
  toState: true,
  organizationId: true,
  details: true,
  actor: { select: { id: true, email: true } },
  subjectUser: { select: { id: true, email: true } },
} satisfies Prisma.AuditEventSelect;
type Entry = Prisma.AuditEventGetPayload<{ select: typeof entrySelect }>;

/** The id of the person with this e-mail address; an unknown address matches no entry. */
async function personId(email: string): Promise<string> {
  const user = await db.user.findUnique({ where: { email: email.toLowerCase() }, select: { id: true } });
  return user?.id ?? "00000000-0000-0000-0000-000000000000";
}

/**
 * The filters as a where: the actor by e-mail; the action exactly; the subject by a person's
 * e-mail (the entries about them) or else a target id; days in UTC, both ends included.
 */
async function whereOf(filter: AuditLogFilter): Promise<Prisma.AuditEventWhereInput> {
  const where: Prisma.AuditEventWhereInput = {};
  if (filter.actor) where.actorId = await personId(filter.actor);
  if (filter.action) where.action = filter.action;
  if (filter.subject) {
    if (filter.subject.includes("@")) where.subjectUserId = await personId(filter.subject);
    else where.targetId = filter.subject;
  }
  if (filter.from || filter.to) {
    where.createdAt = {
      ...(filter.from ? { gte: new Date(`${filter.from}T00:00:00.000Z`) } : {}),
      ...(filter.to ? { lt: new Date(new Date(`${filter.to}T00:00:00.000Z`).getTime() + dayMs) } : {}),
    };
  }
  return where;
}

/** Entries strictly older than the cursor in (createdAt, id) order, newest first. */
const before = (cursor: { createdAt: Date; id: string }): Prisma.AuditEventWhereInput => ({
  OR: [{ createdAt: { lt: cursor.createdAt } }, { createdAt: cursor.createdAt, id: { lt: cursor.id } }],
});

function readPage(where: Prisma.AuditEventWhereInput, after: AuditLogQuery["after"], take: number) {
  return db.auditEvent.findMany({
    where: after ? { AND: [where, before(after)] } : where,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take,
    select: entrySelect,
  });
}

/** The audit log newest first, a page at a time by keyset on (createdAt, id) (indexed, whole and per action). */
export async function listAuditLog(actor: Actor, query: AuditLogQuery) {
  assertAdmin(actor, refusal);
  const rows = await readPage(await whereOf(query), query.after, auditPageSize + 1);
  const entries = rows.slice(0, auditPageSize);
  return { entries, next: rows.length > auditPageSize ? entries.at(-1)! : null };
}

/**
 * The actions the log holds, for the filter's suggestions: a walk over the (action, …) index
 * that jumps from one action to the next, so it reads one row per action, not every entry.
 */
export async function listAuditActions(actor: Actor): Promise<string[]> {
  assertAdmin(actor, refusal);
  const rows = await db.$queryRaw<{ action: string }[]>`
    WITH RECURSIVE actions(action) AS (
      (SELECT action FROM "AuditEvent" ORDER BY action LIMIT 1)
      UNION ALL
      SELECT (SELECT a.action FROM "AuditEvent" a WHERE a.action > actions.action ORDER BY a.action LIMIT 1) FROM actions WHERE actions.action IS NOT NULL
    )
    SELECT action FROM actions WHERE action IS NOT NULL LIMIT 500`;
  return rows.map((row) => row.action);
}

const header = ["Time (UTC)", "Action", "Actor", "Subject", "Target type", "Target ID", "From", "To", "Organization ID", "Details", "Entry ID"];

function record(entry: Entry): unknown[] {
  return [
    entry.createdAt,
    entry.action,
    entry.actor?.email ?? "",
    entry.subjectUser?.email ?? "",
    entry.targetType,
    entry.targetId ?? "",
    entry.fromState ?? "",
    entry.toState ?? "",
    entry.organizationId ?? "",
    entry.details === null ? "" : JSON.stringify(entry.details),
    entry.id,
  ];
}

async function* batches(filter: AuditLogFilter) {
  const where = await whereOf(filter);
  let after: AuditLogQuery["after"];
  for (;;) {
    const page = await readPage(where, after, exportBatch);
    for (const entry of page) yield record(entry);
    if (page.length < exportBatch) return;
    after = page.at(-1)!;
  }
}

/** The log as filtered, every matching entry newest first, as CSV with the other exports' format (lib/csv.ts). */
export function exportAuditLog(actor: Actor, filter: AuditLogFilter, now = new Date()): { csv: Readable; fileName: string } {
  assertAdmin(actor, refusal);
  return { csv: csvStream(header, batches(filter)), fileName: csvFileName("audit-log", now) };
}
