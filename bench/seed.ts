/**
 * Seeds a benchmark database in a few SQL statements (generate_series inside PostgreSQL, no
 * round trip per row): 1,000 retailer organizations, 10,000 people with one data request each,
 * and `rows` connection requests with 1 to 3 integrations each, spread over the organizations.
 */
import type pg from "pg";

export async function seedBench(client: pg.Client, rows: number, passwordHash: string) {
  await client.query(`
    INSERT INTO "Organization" (id, name, "nameKey", type, "createdAt")
    SELECT gen_random_uuid(), 'Bench Retail ' || i, 'bench retail ' || i, 'retailer', now() FROM generate_series(1, 1000) i`);
  await client.query(
    `INSERT INTO "User" (id, email, "passwordHash", "firstName", "lastName", role, status, "organizationId", "emailVerifiedAt", "createdAt", "updatedAt")
     SELECT gen_random_uuid(), 'bench' || i || '@bench.example', $1, 'Bench', 'Person ' || i, 'member', 'active',
            (SELECT id FROM "Organization" WHERE "nameKey" = 'bench retail ' || (1 + i % 1000)), now(), now(), now()
     FROM generate_series(0, 9999) i`,
    [passwordHash],
  );
  await client.query(`
    CREATE TEMP TABLE bench_orgs AS
      SELECT row_number() OVER (ORDER BY name) - 1 AS n, id,
             (SELECT u.id FROM "User" u WHERE u."organizationId" = o.id LIMIT 1) AS member
      FROM "Organization" o WHERE "nameKey" LIKE 'bench retail %'`);
  // The numbering trigger updates one tally row per insert: right for one request per
  // transaction, quadratic for a million in one statement (each update walks the row's versions
  // left by the previous ones). So the seed switches triggers off for this session, numbers the
  // rows in submission order itself, and recounts the tallies once, as the migration's backfill does.
  await client.query("SET session_replication_role = replica");
  await client.query(
    `INSERT INTO "ConnectionRequest" (id, "organizationId", "requestedById", "supplierName", "contactFullName", "contactEmail", status, "requestDate", "updatedAt", sequence, "orgSequence")
     SELECT gen_random_uuid(), o.id, o.member, 'Supplier ' || (i % 5000), 'Contact ' || i, 'contact' || i || '@supplier.example',
            (CASE WHEN i % 10 = 0 THEN 'approved' WHEN i % 17 = 0 THEN 'rejected' ELSE 'pending' END)::"ConnectionRequestStatus",
            now() - (($1::int - i) || ' seconds')::interval, now(),
            base.platform + i + 1, i / 1000 + 1
     FROM generate_series(0, $1::int - 1) i
     JOIN bench_orgs o ON o.n = i % 1000
     CROSS JOIN (SELECT COALESCE(max(sequence), 0) AS platform FROM "ConnectionRequest") base`,
    [rows],
  );
  await client.query("SET session_replication_role = origin");
  await client.query("SELECT connection_request_tally_rebuild()");
  await client.query(`
    INSERT INTO "Integration" (id, "connectionRequestId", type, "updateFrequency", position, "createdAt")
    SELECT gen_random_uuid(), r.id, (ARRAY['item','order','allocation','tracking','other'])[1 + k]::"IntegrationType", '0 2 * * *', k, r."requestDate"
    FROM "ConnectionRequest" r
    CROSS JOIN LATERAL generate_series(0, (abs(hashtext(r.id::text)) % 3)) k`);
  await client.query(`
    INSERT INTO "DataRequest" (id, "userId", "dataTypes", status, "createdAt", "expectedCompletion", "nextAttemptAt", attempts)
    SELECT gen_random_uuid(), id, ARRAY['profile','activity'], 'queued', now(), now() + interval '1 day', now() + interval '1 year', 0
    FROM "User" WHERE email LIKE 'bench%@bench.example'`);
  await client.query("ANALYZE");
}
