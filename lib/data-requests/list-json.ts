import "server-only";
import { lastUsedPrecisionMs } from "../auth/api-tokens";
import { bearerRefusal, type Scope } from "../auth/bearer";
import { hashSecret } from "../auth/secrets";
import { db } from "../db/client";
import { prepared } from "../db/prepared-statements";
import { jsonObject, jsonTimestamp, jsonValue, timestampOrOmitted } from "../db/json-text";
import { Prisma } from "../generated/prisma/client";

/** dataRequestDto of the row `d`: optional timestamps left out, key and all, when unknown. */
const dataRequest = jsonObject([
  ["requestId", jsonValue(Prisma.sql`d.id`)],
  ["createdAt", jsonTimestamp(Prisma.sql`d."createdAt"`)],
  ["expectedCompletion", timestampOrOmitted(Prisma.sql`d."expectedCompletion"`)],
  ["isCompleted", jsonValue(Prisma.sql`d.status = 'completed'`)],
  ["completedAt", timestampOrOmitted(Prisma.sql`d."completedAt"`)],
  ["dataRequested", jsonValue(Prisma.sql`d."dataTypes"`)],
]);

export interface RequestsJson {
  /** Whether the token acts for a person (not client_credentials), who is active, with the scope. */
  forPerson: boolean;
  personActive: boolean;
  hasScope: boolean;
  /** The list as JSON text; null unless every check passed. */
  body: string | null;
}

/**
 * GET /requests' hot path in one statement: the bearer token's checks (the rules of
 * lib/auth/bearer.ts authenticateBearer), its and its grant's last use (at most once a minute),
 * and the person's active requests newest first, as the response's JSON text: dataRequestDto's
 * page byte for byte (tests/integration/requests-json.test.ts). Null: no such usable token.
 */
async function readRequestsJson(tokenHash: string, scope: Scope, now: Date, lastUsedBefore: Date): Promise<RequestsJson | null> {
  const rows = await db.$queryRaw<{ for_person: boolean; person_active: boolean; has_scope: boolean; body: string | null }[]>(prepared(Prisma.sql`
    WITH caller AS (
      SELECT t.id, t."userId", t."grantId", t."lastUsedAt", t.scopes, u.status AS person_status
      FROM "OAuthToken" t
      LEFT JOIN "OAuthGrant" g ON g.id = t."grantId"
      LEFT JOIN "User" u ON u.id = t."userId"
      WHERE t."tokenHash" = ${tokenHash} AND t.kind = 'access' AND t."revokedAt" IS NULL AND t."expiresAt" > ${now}
        AND (t."grantId" IS NULL OR g."revokedAt" IS NULL)
    ),
    usable AS (SELECT * FROM caller WHERE "userId" IS NOT NULL AND person_status = 'active' AND ${scope} = ANY(scopes)),
    token_used AS (
      UPDATE "OAuthToken" SET "lastUsedAt" = ${now} FROM usable
      WHERE "OAuthToken".id = usable.id AND (usable."lastUsedAt" IS NULL OR usable."lastUsedAt" < ${lastUsedBefore})
    ),
    grant_used AS (
      UPDATE "OAuthGrant" SET "lastUsedAt" = ${now} FROM usable
      WHERE "OAuthGrant".id = usable."grantId" AND (usable."lastUsedAt" IS NULL OR usable."lastUsedAt" < ${lastUsedBefore})
    )
    SELECT caller."userId" IS NOT NULL AS for_person, coalesce(caller.person_status = 'active', true) AS person_active,
           ${scope} = ANY(caller.scopes) AS has_scope,
           CASE WHEN usable.id IS NULL THEN NULL ELSE '[' || coalesce((
             SELECT string_agg(${dataRequest}, ',' ORDER BY d."createdAt" DESC, d.id DESC) FROM "DataRequest" d
             WHERE d."userId" = usable."userId" AND d.status <> 'cancelled' AND (d."expiresAt" IS NULL OR d."expiresAt" > ${now})
           ), '') || ']' END AS body
    FROM caller LEFT JOIN usable ON usable.id = caller.id`));
  const [row] = rows;
  return row ? { forPerson: row.for_person, personActive: row.person_active, hasScope: row.has_scope, body: row.body } : null;
}

/** The bearer's active data requests as the response's JSON text; a refused token throws its 401 or 403. */
export async function listDataRequestsJson(token: string, now = new Date()): Promise<string> {
  const scope: Scope = "requests:read";
  const found = await readRequestsJson(hashSecret(token), scope, now, new Date(now.getTime() - lastUsedPrecisionMs));
  const refusal = bearerRefusal(found, scope);
  if (refusal || found?.body == null) throw refusal ?? new Error("a usable token without a list");
  return found.body;
}
