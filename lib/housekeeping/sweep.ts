import "server-only";
import { database } from "../db/client";
import { env } from "../env";
import { Prisma } from "../generated/prisma/client";
import { linkLifetimeMs } from "../users/account-links";

const hourMs = 3_600_000;
const batchSize = 1_000;
export const invitationRetentionMs = 90 * 24 * hourMs;

export interface SweepPeriods {
  /** Expired or revoked credentials are kept this long after they stopped working. */
  credentialGraceMs: number;
  idempotencyKeyMs: number;
  unattachedUploadMs: number;
  deliveryLogMs: number;
  eventMs: number;
  /** After a confirmation link expired, its unconfirmed account waits this long before deletion. */
  unverifiedAccountGraceMs: number;
}

export const configuredPeriods = (): SweepPeriods => ({
  credentialGraceMs: env().EXPIRED_CREDENTIAL_RETENTION_DAYS * 24 * hourMs,
  idempotencyKeyMs: env().IDEMPOTENCY_KEY_RETENTION_HOURS * hourMs,
  unattachedUploadMs: env().UNATTACHED_UPLOAD_RETENTION_HOURS * hourMs,
  deliveryLogMs: env().DELIVERY_LOG_RETENTION_DAYS * 24 * hourMs,
  eventMs: env().EVENT_RETENTION_DAYS * 24 * hourMs,
  unverifiedAccountGraceMs: env().UNVERIFIED_ACCOUNT_GRACE_DAYS * 24 * hourMs,
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
    // WebAuthn challenges and sign-ins waiting for their second factor live minutes.
    name: "sign-in challenges",
    table: "AuthChallenge",
    due: (now, p) => Prisma.sql`SELECT id FROM "AuthChallenge" WHERE "expiresAt" < ${before(now, p.credentialGraceMs)}`,
  },
  {
    // As supplier invitations: kept while the owners may want to see how one ended.
    name: "team invitations",
    table: "TeamInvitation",
    due: (now) => {
      const cutoff = before(now, invitationRetentionMs);
      return Prisma.sql`SELECT id FROM "TeamInvitation" WHERE "expiresAt" < ${cutoff} OR "acceptedAt" < ${cutoff} OR "revokedAt" < ${cutoff}`;
    },
  },
  {
    name: "account links",
    table: "AccountLink",
    due: (now, p) => Prisma.sql`SELECT id FROM "AccountLink" WHERE "expiresAt" < ${before(now, p.credentialGraceMs)}`,
  },
  {
    // Used or dead invitations, once the admins no longer need to see how one ended (the
    // connection's timeline and the audit log keep what happened).
    name: "supplier invitations",
    table: "SupplierInvitation",
    due: (now) => {
      const cutoff = before(now, invitationRetentionMs);
      return Prisma.sql`SELECT id FROM "SupplierInvitation" WHERE "expiresAt" < ${cutoff} OR "acceptedAt" < ${cutoff} OR "revokedAt" < ${cutoff}`;
    },
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
    // A disabled endpoint's held backlog goes too: enabling it again only requeues the last day's.
    name: "webhook delivery log",
    table: "WebhookDelivery",
    // Pending ones of an endpoint that is disabled or whose maker's account is will not be sent.
    due: (now, p) => Prisma.sql`
      SELECT d.id FROM "WebhookDelivery" d JOIN "WebhookEndpoint" e ON e.id = d."endpointId" JOIN "User" o ON o.id = e."ownerId"
      WHERE d."createdAt" < ${before(now, p.deliveryLogMs)}
        AND (d.status IN ('sent', 'failed', 'held') OR e."disabledAt" IS NOT NULL OR o.status <> 'active')`,
  },
  {
    // Delivered (or parked) events: their notifications go with them. Events are the requests'
    // timelines, so their retention is counted in years (EVENT_RETENTION_DAYS).
    name: "events",
    table: "Event",
    due: (now, p) => Prisma.sql`SELECT id FROM "Event" WHERE ("fannedOutAt" IS NOT NULL OR "parkedAt" IS NOT NULL) AND "createdAt" < ${before(now, p.eventMs)}`,
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
 * Accounts registered and never confirmed, once their last confirmation link has been expired for
 * the grace period (and no other link of theirs is still usable: a password reset also confirms
 * the address), and the organizations their registration made if nothing else is left in them
 * (no member, request, upload or connection). Two statements in one transaction: the second must
 * see the first's deletions. A member added meanwhile makes the second fail on its foreign key,
 * and the next sweep sees them.
 */
async function deleteUnverifiedAccounts(now: Date, periods: SweepPeriods): Promise<{ accounts: number; organizations: number }> {
  const cutoff = before(now, periods.unverifiedAccountGraceMs);
  return database().prisma.$transaction(async (tx) => {
    const gone = await tx.$queryRaw<{ organizationId: string | null }[]>`
      DELETE FROM "User" WHERE id IN (
        SELECT u.id FROM "User" u WHERE u."emailVerifiedAt" IS NULL AND u."createdAt" < ${before(now, linkLifetimeMs.verify_email + periods.unverifiedAccountGraceMs)}
          AND NOT EXISTS (SELECT 1 FROM "AccountLink" l WHERE l."userId" = u.id AND l.purpose = 'verify_email' AND l."expiresAt" >= ${cutoff})
          AND NOT EXISTS (SELECT 1 FROM "AccountLink" l WHERE l."userId" = u.id AND l."usedAt" IS NULL AND l."expiresAt" >= ${now})
        LIMIT ${batchSize} FOR UPDATE SKIP LOCKED)
      RETURNING "organizationId"`;
    const organizationIds = [...new Set(gone.flatMap((row) => (row.organizationId ? [row.organizationId] : [])))];
    const organizations = organizationIds.length
      ? await tx.$executeRaw`
          DELETE FROM "Organization" o WHERE o.id IN (${Prisma.join(organizationIds.map((id) => Prisma.sql`${id}::uuid`))})
            AND NOT EXISTS (SELECT 1 FROM "User" u WHERE u."organizationId" = o.id)
            AND NOT EXISTS (SELECT 1 FROM "ConnectionRequest" r WHERE r."organizationId" = o.id)
            AND NOT EXISTS (SELECT 1 FROM "UploadedFile" f WHERE f."organizationId" = o.id)
            AND NOT EXISTS (SELECT 1 FROM "Connection" c WHERE c."retailerOrganizationId" = o.id OR c."supplierOrganizationId" = o.id)`
      : 0;
    return { accounts: gone.length, organizations };
  });
}

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

export interface SweepOutcome {
  deleted: SweepReport;
  /** False when `keepGoing` stopped it before every kind was done: the next pass goes on. */
  finished: boolean;
}

const rethrow = (_target: string, error: unknown): void => {
  throw error;
};

/**
 * Deletes, batch by batch, every row of every kind that is past its period, and stops starting new
 * batches once `keepGoing` says so. A kind that fails is reported to `onError` and the others
 * still go.
 */
export async function sweep(now = new Date(), periods = configuredPeriods(), keepGoing: () => boolean = () => true, onError = rethrow): Promise<SweepOutcome> {
  const deleted: SweepReport = { "unverified accounts": 0, "empty organizations": 0 };
  try {
    for (let batch; keepGoing() && (batch = await deleteUnverifiedAccounts(now, periods)).accounts > 0; ) {
      deleted["unverified accounts"]! += batch.accounts;
      deleted["empty organizations"]! += batch.organizations;
      if (batch.accounts < batchSize) break;
    }
  } catch (error) {
    onError("unverified accounts", error);
  }
  for (const target of targets) {
    deleted[target.name] = 0;
    try {
      while (keepGoing()) {
        const count = await deleteBatch(target, now, periods);
        deleted[target.name]! += count;
        if (count < batchSize) break;
      }
    } catch (error) {
      onError(target.name, error);
    }
  }
  return { deleted, finished: keepGoing() };
}

/** The whole sweep at once, failing on the first error: for tests and one-off runs. */
export async function sweepExpiredRows(now = new Date(), periods = configuredPeriods()): Promise<SweepReport> {
  return (await sweep(now, periods)).deleted;
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
