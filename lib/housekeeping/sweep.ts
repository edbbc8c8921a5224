import "server-only";
import { database } from "../db/client";
import { env } from "../env";
import { Prisma } from "../generated/prisma/client";

const hourMs = 3_600_000;
const batchSize = 1_000;

export interface SweepPeriods {
  /** Expired or revoked credentials are kept this long after they stopped working. */
  credentialGraceMs: number;
  idempotencyKeyMs: number;
  unattachedUploadMs: number;
  deliveryLogMs: number;
}

export const configuredPeriods = (): SweepPeriods => ({
  credentialGraceMs: env().EXPIRED_CREDENTIAL_RETENTION_DAYS * 24 * hourMs,
  idempotencyKeyMs: env().IDEMPOTENCY_KEY_RETENTION_HOURS * hourMs,
  unattachedUploadMs: env().UNATTACHED_UPLOAD_RETENTION_HOURS * hourMs,
  deliveryLogMs: env().DELIVERY_LOG_RETENTION_DAYS * 24 * hourMs,
});

/** One kind of row that outlives its use: the keys of its rows that are due for deletion. */
interface SweepTarget {
  name: string;
  table: string;
  key?: string;
  due: (now: Date, periods: SweepPeriods) => Prisma.Sql;
}

const before = (now: Date, ms: number) => new Date(now.getTime() - ms);

const targets: SweepTarget[] = [
  {
    // A revoked session also expires within its 12-hour lifetime, so expiry alone decides.
    name: "sessions",
    table: "UserSession",
    due: (now, p) => Prisma.sql`SELECT id FROM "UserSession" WHERE "expiresAt" < ${before(now, p.credentialGraceMs)}`,
  },
  {
    name: "api tokens",
    table: "ApiToken",
    due: (now, p) => {
      const cutoff = before(now, p.credentialGraceMs);
      return Prisma.sql`SELECT id FROM "ApiToken" WHERE "expiresAt" < ${cutoff} OR "revokedAt" < ${cutoff}`;
    },
  },
  {
    // Refresh-token reuse detection needs every token of a family, rotated ones included, for
    // as long as any of them still works; so a family goes whole, once its last token stopped
    // working (expired or revoked) longer than the grace period ago.
    name: "oauth token families",
    table: "OAuthToken",
    due: (now, p) => Prisma.sql`
      SELECT id FROM "OAuthToken" WHERE "familyId" IN (
        SELECT "familyId" FROM "OAuthToken" GROUP BY "familyId"
        HAVING max(LEAST("expiresAt", COALESCE("revokedAt", 'infinity'))) < ${before(now, p.credentialGraceMs)}
        LIMIT ${batchSize})`,
  },
  {
    name: "account links",
    table: "AccountLink",
    due: (now, p) => Prisma.sql`SELECT id FROM "AccountLink" WHERE "expiresAt" < ${before(now, p.credentialGraceMs)}`,
  },
  {
    // A code stays while tokens issued from it exist: replaying it must still find them.
    name: "oauth codes",
    table: "OAuthAuthorizationCode",
    due: (now, p) => Prisma.sql`
      SELECT id FROM "OAuthAuthorizationCode" c WHERE "expiresAt" < ${before(now, p.credentialGraceMs)}
        AND NOT EXISTS (SELECT 1 FROM "OAuthToken" t WHERE t."codeId" = c.id)`,
  },
  {
    name: "idempotency keys",
    table: "IdempotencyKey",
    due: (now, p) => Prisma.sql`SELECT id FROM "IdempotencyKey" WHERE "createdAt" < ${before(now, p.idempotencyKeyMs)}`,
  },
  {
    // An expired counter is the same as no counter: nothing to keep.
    name: "rate-limit counters",
    table: "RateLimiterFlexible",
    key: "key",
    due: (now) => Prisma.sql`SELECT key FROM "RateLimiterFlexible" WHERE expire < ${now}`,
  },
  {
    name: "unattached uploads",
    table: "UploadedFile",
    due: (now, p) => Prisma.sql`
      SELECT id FROM "UploadedFile" f WHERE "createdAt" < ${before(now, p.unattachedUploadMs)}
        AND NOT EXISTS (SELECT 1 FROM "ConnectionRequestFile" l WHERE l."fileId" = f.id)`,
  },
  {
    // Pending ones are the outbox itself: only finished deliveries leave the log.
    name: "e-mail log",
    table: "EmailDelivery",
    due: (now, p) => Prisma.sql`SELECT id FROM "EmailDelivery" WHERE status IN ('sent', 'failed') AND "createdAt" < ${before(now, p.deliveryLogMs)}`,
  },
  {
    // Expired and cancelled requests are already invisible; their archives are the bulk.
    name: "data request archives",
    table: "DataRequestArchive",
    due: (now) => Prisma.sql`
      SELECT a.id FROM "DataRequestArchive" a JOIN "DataRequest" r ON r.id = a."dataRequestId"
      WHERE r.status = 'cancelled' OR r."expiresAt" <= ${now}`,
  },
];

/**
 * Deletes one batch. SKIP LOCKED lets two sweepers run at once without waiting on each other or
 * deleting the same rows twice.
 */
function deleteBatch(target: SweepTarget, now: Date, periods: SweepPeriods) {
  const table = Prisma.raw(`"${target.table}"`);
  const key = Prisma.raw(`"${target.key ?? "id"}"`);
  return database().prisma.$executeRaw`
    DELETE FROM ${table} WHERE ${key} IN (
      SELECT ${key} FROM ${table} WHERE ${key} IN (${target.due(now, periods)} LIMIT ${batchSize})
      FOR UPDATE SKIP LOCKED)`;
}

export type SweepReport = Record<string, number>;

/** Deletes, batch by batch, every row of every kind that is past its period. */
export async function sweepExpiredRows(now = new Date(), periods = configuredPeriods()): Promise<SweepReport> {
  const report: SweepReport = {};
  for (const target of targets) {
    let deleted = 0;
    for (;;) {
      const count = await deleteBatch(target, now, periods);
      deleted += count;
      if (count < batchSize) break;
    }
    report[target.name] = deleted;
  }
  return report;
}

/**
 * Claims this interval's sweep for the calling instance: true for exactly one caller per
 * interval, whichever instance asks first (the row's conditional update decides).
 */
export async function claimSweep(now: Date, intervalMs: number): Promise<boolean> {
  const rows = await database().prisma.$queryRaw<unknown[]>`
    INSERT INTO "HousekeepingRun" (name, "startedAt") VALUES ('sweep', ${now})
    ON CONFLICT (name) DO UPDATE SET "startedAt" = EXCLUDED."startedAt"
    WHERE "HousekeepingRun"."startedAt" <= ${before(now, intervalMs)}
    RETURNING name`;
  return rows.length === 1;
}
