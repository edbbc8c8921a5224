import "server-only";
import { db } from "../db/client";
import { prepared } from "../db/prepared-statements";
import { jsonArray, jsonObject, jsonOne, jsonTimestamp, jsonValue, jsonWhen, type JsonText } from "../db/json-text";
import { Prisma } from "../generated/prisma/client";
import { pageLimits } from "../schemas/connection-requests";
import { platformTally } from "./positions";

/**
 * The TIMP list's hot path: what the sync clients poll. One statement checks the caller's token,
 * reads the scope's tally and the page's number range (lib/connection-requests/positions.ts), and
 * returns the whole response as JSON text that PostgreSQL wrote, so Node neither maps rows nor
 * serialises them. The text is byte for byte JSON.stringify of connectionRequestDto's page (the
 * key order included): tests/integration/connection-request-page-json.test.ts holds the two together.
 */

const person = (alias: string): JsonText =>
  jsonObject([
    ["uuid", jsonValue(Prisma.raw(`${alias}.id`))],
    ["first_name", jsonValue(Prisma.raw(`${alias}."firstName"`))],
    ["last_name", jsonValue(Prisma.raw(`${alias}."lastName"`))],
    ["email", jsonValue(Prisma.raw(`${alias}.email`))],
    ["phone", jsonValue(Prisma.raw(`${alias}.phone`))],
    ["job_title", jsonValue(Prisma.raw(`${alias}."jobTitle"`))],
  ]);

const integration = jsonObject([
  ["record_uuid", jsonValue(Prisma.sql`i.id`)],
  ["integration_type", jsonValue(Prisma.sql`i.type`)],
  ["update_frequency", jsonValue(Prisma.sql`i."updateFrequency"`)],
  ["feed_source_file_locations", jsonValue(Prisma.sql`i."fileLocations"`)],
  ["file_specs", jsonValue(Prisma.sql`i."fileSpecs"`)],
  ["rules", jsonValue(Prisma.sql`i.rules`)],
  ["date_created", jsonTimestamp(Prisma.sql`i."createdAt"`)],
]);

/** connectionRequestDto of the row `r`. Its people are read by id, one index probe each. */
const connectionRequest = jsonObject([
  ["record_uuid", jsonValue(Prisma.sql`r.id`)],
  ["integrations", jsonArray(integration, Prisma.sql`i.position`, Prisma.sql`FROM "Integration" i WHERE i."connectionRequestId" = r.id`)],
  [
    "uploaded_files",
    jsonArray(
      jsonObject([["uuid", jsonValue(Prisma.sql`f.id`)], ["name", jsonValue(Prisma.sql`f.name`)]]),
      Prisma.sql`l.position`,
      Prisma.sql`FROM "ConnectionRequestFile" l JOIN "UploadedFile" f ON f.id = l."fileId" WHERE l."connectionRequestId" = r.id`,
    ),
  ],
  ["org_name", jsonValue(Prisma.sql`r."supplierName"`)],
  ["org_contact_full_name", jsonValue(Prisma.sql`r."contactFullName"`)],
  ["primary_contact_phone", jsonValue(Prisma.sql`r."contactPhone"`)],
  ["primary_contact_email", jsonValue(Prisma.sql`r."contactEmail"`)],
  ["retailer_account_number", jsonValue(Prisma.sql`r."retailerAccountNumber"`)],
  ["additional_information", jsonValue(Prisma.sql`r."additionalInformation"`)],
  ["request_date", jsonTimestamp(Prisma.sql`r."requestDate"`)],
  ["is_approved", jsonValue(Prisma.sql`r.status = 'approved'`)],
  [
    "approved_by",
    jsonWhen(Prisma.sql`r.status = 'approved'`, jsonOne(jsonObject([["uuid", jsonValue(Prisma.sql`d.id`)], ["person", person("d")]]), Prisma.sql`FROM "User" d WHERE d.id = r."decidedById"`)),
  ],
  ["status", jsonValue(Prisma.sql`r.status`)],
  ["rejection_reason", jsonValue(Prisma.sql`r."rejectionReason"`)],
  ["decided_at", jsonTimestamp(Prisma.sql`r."decidedAt"`)],
  ["requested_by", jsonOne(person("q"), Prisma.sql`FROM "User" q WHERE q.id = r."requestedById"`)],
  ["version", Prisma.sql`(floor(extract(epoch FROM r."updatedAt") * 1000)::bigint)::text`],
]);

/** Who the page is for: an admin reads the platform's list, a member their organization's. */
export type PageCaller =
  | { kind: "token"; tokenHash: string; now: Date; lastUsedBefore: Date }
  | { kind: "scope"; tally: string };

export interface PageJson {
  /** The token's person, for the checks after authentication; absent for a known scope. */
  caller: { role: "member" | "admin"; hasSecondFactor: boolean } | null;
  body: string;
}

/**
 * The page `start`/`limit` of the caller's list as the response's JSON text, or null when the
 * token is unknown, expired, revoked or its person disabled. A token's last use is written in
 * the same statement, at most once a minute.
 */
export async function readPageJson(caller: PageCaller, query: { start?: number; limit?: number }): Promise<PageJson | null> {
  const [row] = await db.$queryRaw<{ role: string | null; has_second_factor: boolean; body: string }[]>(prepared(pageStatement(caller, query)));
  if (!row) return null;
  return { caller: row.role ? { role: row.role as "member" | "admin", hasSecondFactor: row.has_second_factor } : null, body: row.body };
}

function pageStatement(caller: PageCaller, query: { start?: number; limit?: number }): Prisma.Sql {
  const limit = Math.min(query.limit ?? pageLimits.defaultLimit, pageLimits.maxLimit);
  const start = query.start ?? 0;
  const callerRows =
    caller.kind === "token"
      ? Prisma.sql`
          SELECT t.id AS token_id, t."lastUsedAt" AS last_used_at, u.role::text AS role, u."secondFactorAt" IS NOT NULL AS has_second_factor,
                 CASE WHEN u.role = 'admin' THEN ${platformTally} ELSE u."organizationId"::text END AS scope
          FROM "ApiToken" t JOIN "User" u ON u.id = t."userId"
          WHERE t."tokenHash" = ${caller.tokenHash} AND t."revokedAt" IS NULL AND t."expiresAt" > ${caller.now} AND u.status = 'active'`
      : Prisma.sql`SELECT NULL::uuid AS token_id, NULL::timestamptz AS last_used_at, NULL::text AS role, false AS has_second_factor,
                          ${caller.tally}::text AS scope`;
  const touch =
    caller.kind === "token"
      ? Prisma.sql`UPDATE "ApiToken" SET "lastUsedAt" = ${caller.now} FROM caller
                   WHERE "ApiToken".id = caller.token_id AND (caller.last_used_at IS NULL OR caller.last_used_at < ${caller.lastUsedBefore})`
      : Prisma.sql`SELECT 1`;
  // The two branches' conditions on `admin` and the bounds are one-time filters and index bounds
  // (InitPlans): only one branch runs, as an index range read on its number.
  return Prisma.sql`
    WITH caller AS (${callerRows}),
    touched AS (${touch}),
    tally AS (
      SELECT caller.scope = ${platformTally} AS admin, caller.scope,
             coalesce((SELECT "lastSequence" FROM "ConnectionRequestTally" WHERE scope = caller.scope), 0) AS total
      FROM caller
    ),
    bounds AS (SELECT admin, scope, total, least(${start}::bigint, total) AS start, total - ${start}::bigint AS high, total - ${start}::bigint - ${limit}::int AS low FROM tally),
    page AS (
      SELECT r.*, r.sequence AS number FROM "ConnectionRequest" r
      WHERE (SELECT admin FROM bounds) AND r.sequence <= (SELECT high FROM bounds) AND r.sequence > (SELECT low FROM bounds)
      UNION ALL
      SELECT r.*, r."orgSequence" AS number FROM "ConnectionRequest" r
      WHERE NOT (SELECT admin FROM bounds) AND r."organizationId" = (SELECT scope FROM bounds)::uuid
        AND r."orgSequence" <= (SELECT high FROM bounds) AND r."orgSequence" > (SELECT low FROM bounds)
    )
    SELECT caller.role, caller.has_second_factor,
           '{"requests":[' || coalesce((
             SELECT string_agg(${connectionRequest}, ',' ORDER BY r.number DESC)
             FROM page r
           ), '') || '],"pagination":{"total_count":' || bounds.total || ',"start":' || bounds.start || ',"limit":' || ${limit}::int || '}}' AS body
    FROM caller, bounds`;
}
