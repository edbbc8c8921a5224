/**
 * `rows` connections in a few statements (generate_series, no round trip per row), each with its
 * approved request and one feed: four retailers (half of them Acme-sized: the first has 50%, the
 * next two 20% each, the last 10%) and three suppliers, two connections created per second so
 * that pages cut through ties on `createdAt`. Returns the organizations' ids.
 */
import type { Db } from "../lib/db/connect";

export async function seedConnections(prisma: Db, rows: number) {
  return prisma.$transaction(
    async (tx) => {
      await tx.$executeRaw`
        INSERT INTO "Organization" (id, name, "nameKey", type, "createdAt")
        SELECT gen_random_uuid(), 'Bench ' || kind || ' ' || n, 'bench ' || kind || ' ' || n, kind::"OrganizationType", now()
        FROM (VALUES ('retailer', 0), ('retailer', 1), ('retailer', 2), ('retailer', 3), ('supplier', 0), ('supplier', 1), ('supplier', 2)) v(kind, n)`;
      await tx.$executeRaw`
        INSERT INTO "User" (id, email, "passwordHash", "firstName", "lastName", role, status, "organizationId", "emailVerifiedAt", "createdAt", "updatedAt")
        SELECT gen_random_uuid(), 'bench-' || "nameKey" || '@bench.example', '', 'Bench', name, 'member', 'active', id, now(), now(), now()
        FROM "Organization" WHERE "nameKey" LIKE 'bench retailer %'`;
      // The numbering trigger updates a tally row per insert (quadratic in one statement): off for
      // this transaction, rows numbered here, tallies recounted once (as bench/seed.ts does).
      await tx.$executeRaw`SET LOCAL session_replication_role = replica`;
      await tx.$executeRaw`
        INSERT INTO "ConnectionRequest" (id, "organizationId", "requestedById", "supplierName", "contactFullName", status, "requestDate", "decidedAt", "updatedAt", sequence, "orgSequence")
        SELECT gen_random_uuid(), o.id, u.id, 'Bench supplier ' || (i % 3), 'Contact ' || i, 'approved', t, t, t,
               base.platform + i + 1, row_number() OVER (PARTITION BY o.id ORDER BY i)
        FROM generate_series(0, ${rows}::int - 1) i
        CROSS JOIN LATERAL (SELECT now() - make_interval(secs => (${rows}::int - i) / 2) AS t) at
        JOIN "Organization" o ON o."nameKey" = 'bench retailer ' || (CASE WHEN i % 10 < 5 THEN 0 WHEN i % 10 < 7 THEN 1 WHEN i % 10 < 9 THEN 2 ELSE 3 END)
        JOIN "User" u ON u."organizationId" = o.id
        CROSS JOIN (SELECT COALESCE(max(sequence), 0) AS platform FROM "ConnectionRequest") base`;
      await tx.$executeRaw`SET LOCAL session_replication_role = origin`;
      await tx.$executeRaw`SELECT connection_request_tally_rebuild()`;
      await tx.$executeRaw`
        INSERT INTO "Integration" (id, "connectionRequestId", type, "updateFrequency", position, "createdAt")
        SELECT gen_random_uuid(), id, 'item', '0 2 * * *', 0, "requestDate" FROM "ConnectionRequest" WHERE "supplierName" LIKE 'Bench supplier %'`;
      await tx.$executeRaw`
        INSERT INTO "Connection" (id, "connectionRequestId", "retailerOrganizationId", "supplierOrganizationId", "supplierName", "supplierContactName", status, "activatedAt", "createdAt", "updatedAt")
        SELECT gen_random_uuid(), r.id, r."organizationId", s.id, r."supplierName", r."contactFullName",
               (CASE WHEN r.sequence % 20 = 0 THEN 'DEACTIVATED' WHEN r.sequence % 7 = 0 THEN 'CONFIRMATION WAITING' ELSE 'ACTIVE' END)::"ConnectionStatus",
               r."requestDate", r."requestDate", r."requestDate"
        FROM "ConnectionRequest" r
        JOIN "Organization" s ON s."nameKey" = 'bench supplier ' || right(r."supplierName", 1)
        WHERE r."supplierName" LIKE 'Bench supplier %'`;
      await tx.$executeRaw`
        INSERT INTO "ConnectionFeed" (id, "connectionId", "integrationId", phase, "phaseChangedAt")
        SELECT gen_random_uuid(), c.id, i.id, 'live', c."createdAt"
        FROM "Connection" c JOIN "Integration" i ON i."connectionRequestId" = c."connectionRequestId"
        WHERE c."supplierName" LIKE 'Bench supplier %'`;
      return tx.organization.findMany({ where: { nameKey: { startsWith: "bench " } }, select: { id: true, name: true, type: true }, orderBy: { nameKey: "asc" } });
    },
    { timeout: 600_000 },
  );
}
