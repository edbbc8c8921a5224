import { describe, expect, it } from "vitest";
import { applyMigrations } from "@/lib/db/migrate";
import { databaseBefore } from "@/tests/support/migrations";

const migration = "20261207143146_organization_teams";

/** Organizations made before teams existed get their earliest member as owner, in the migration itself. */
describe(`migration ${migration}`, () => {
  it("makes each organization's earliest member its owner and everyone else a member", async () => {
    const { database, close } = await databaseBefore(migration);
    try {
      const { prisma } = database;
      const user = (id: string, email: string, organization: string | null, createdAt: string) =>
        `INSERT INTO "User" (id, email, "passwordHash", "organizationId", "createdAt", "updatedAt") VALUES ('${id}', '${email}', 'x', ${organization ? `'${organization}'` : "NULL"}, '${createdAt}', now())`;
      for (const statement of [
        `INSERT INTO "Organization" (id, name, "nameKey", type) VALUES ('00000000-0000-4000-8000-0000000000a1', 'Acme', 'acme', 'retailer'), ('00000000-0000-4000-8000-0000000000b1', 'Globex', 'globex', 'supplier')`,
        user("00000000-0000-4000-8000-000000000002", "second@acme.example", "00000000-0000-4000-8000-0000000000a1", "2026-02-01T00:00:00Z"),
        user("00000000-0000-4000-8000-000000000003", "first@acme.example", "00000000-0000-4000-8000-0000000000a1", "2026-01-01T00:00:00Z"),
        // Two at the same moment: the smaller id owns.
        user("00000000-0000-4000-8000-000000000005", "tie-b@globex.example", "00000000-0000-4000-8000-0000000000b1", "2026-03-01T00:00:00Z"),
        user("00000000-0000-4000-8000-000000000004", "tie-a@globex.example", "00000000-0000-4000-8000-0000000000b1", "2026-03-01T00:00:00Z"),
        user("00000000-0000-4000-8000-000000000006", "admin@example.com", null, "2025-01-01T00:00:00Z"),
      ]) {
        await prisma.$executeRawUnsafe(statement);
      }
      expect(await applyMigrations(database)).toContain(migration);
      const roles = await prisma.$queryRaw<{ email: string; organizationRole: string }[]>`SELECT email, "organizationRole"::text FROM "User" ORDER BY email`;
      expect(roles).toEqual([
        { email: "admin@example.com", organizationRole: "member" },
        { email: "first@acme.example", organizationRole: "owner" },
        { email: "second@acme.example", organizationRole: "member" },
        { email: "tie-a@globex.example", organizationRole: "owner" },
        { email: "tie-b@globex.example", organizationRole: "member" },
      ]);
    } finally {
      await close();
    }
  });
});
