import "server-only";
import { db } from "../db/client";
import { env } from "../env";

/**
 * Records, once per request, that a completed request's download expires soon
 * (DATA_REQUEST_EXPIRY_NOTICE_DAYS before) and that it has expired. Run by the housekeeping sweep,
 * which one instance runs per interval, so no two instances record the same notice.
 */
export async function recordExpiryEvents(now = new Date()): Promise<{ expiring: number; expired: number }> {
  const soon = new Date(now.getTime() + env().DATA_REQUEST_EXPIRY_NOTICE_DAYS * 24 * 3_600_000);
  const notice = (type: "data_request.expiring" | "data_request.expired", from: Date | null, until: Date) => db.$executeRaw`
    INSERT INTO "Event" (id, type, "dataRequestId", "userId", "fromState", "toState", "createdAt")
    SELECT gen_random_uuid(), ${type}, r.id, r."userId", 'completed', 'completed', ${now}
    FROM "DataRequest" r
    WHERE r.status = 'completed' AND r."expiresAt" <= ${until} AND (${from}::timestamptz IS NULL OR r."expiresAt" > ${from})
      AND NOT EXISTS (SELECT 1 FROM "Event" e WHERE e."dataRequestId" = r.id AND e.type = ${type})`;
  const expired = await notice("data_request.expired", null, now);
  const expiring = await notice("data_request.expiring", now, soon);
  return { expiring, expired };
}
