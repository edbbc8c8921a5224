import { describe, expect, it } from "vitest";
import { applyMigrations } from "@/lib/db/migrate";
import { databaseBefore } from "@/tests/support/migrations";

const migration = "20261130053829_connection_lifecycle";

/**
 * Connections approved before suppliers confirmed were live at once (status 'active'): the
 * migration makes them ACTIVE since their creation, keeps the retailer's account number as the
 * supplier's number for it, and gives them their request's integrations as feeds in setup.
 */
describe(`migration ${migration}`, () => {
  it("maps existing 'active' connections to ACTIVE, activated when created, with feeds", async () => {
    const { database, close } = await databaseBefore(migration);
    try {
      const { prisma } = database;
      for (const statement of [
        `INSERT INTO "Organization" (id, name, "nameKey", type) VALUES ('00000000-0000-4000-8000-000000000001', 'Acme', 'acme', 'retailer')`,
        `INSERT INTO "ConnectionRequest" (id, "organizationId", "supplierName", "contactFullName", status, "updatedAt") VALUES ('00000000-0000-4000-8000-000000000002', '00000000-0000-4000-8000-000000000001', 'Globex', 'Gina', 'approved', now())`,
        `INSERT INTO "Integration" (id, "connectionRequestId", type, "updateFrequency") VALUES ('00000000-0000-4000-8000-000000000003', '00000000-0000-4000-8000-000000000002', 'item', '0 2 * * *'), ('00000000-0000-4000-8000-000000000004', '00000000-0000-4000-8000-000000000002', 'order', '0 3 * * *')`,
        `INSERT INTO "Connection" (id, "connectionRequestId", "retailerOrganizationId", "supplierName", "supplierContactName", "retailerAccountNumber", "createdAt") VALUES ('00000000-0000-4000-8000-000000000005', '00000000-0000-4000-8000-000000000002', '00000000-0000-4000-8000-000000000001', 'Globex', 'Gina', 'R-9', '2026-01-02T03:04:05Z')`,
      ]) {
        await prisma.$executeRawUnsafe(statement);
      }
      expect(await applyMigrations(database)).toContain(migration);
      const [row] = await prisma.$queryRaw<{ status: string; activatedAt: Date; deactivatedAt: Date | null; suppliersRetailerAccountNumber: string }[]>`
        SELECT status::text, "activatedAt", "deactivatedAt", "suppliersRetailerAccountNumber" FROM "Connection"`;
      expect(row).toEqual({ status: "ACTIVE", activatedAt: new Date("2026-01-02T03:04:05Z"), deactivatedAt: null, suppliersRetailerAccountNumber: "R-9" });
      const feeds = await prisma.$queryRaw<{ integrationId: string; phase: string }[]>`SELECT "integrationId"::text, phase::text FROM "ConnectionFeed" ORDER BY "integrationId"`;
      expect(feeds).toEqual([
        { integrationId: "00000000-0000-4000-8000-000000000003", phase: "setup" },
        { integrationId: "00000000-0000-4000-8000-000000000004", phase: "setup" },
      ]);
      // New connections wait for the supplier.
      const [column] = await prisma.$queryRaw<{ column_default: string }[]>`
        SELECT column_default FROM information_schema.columns WHERE table_name = 'Connection' AND column_name = 'status'`;
      expect(column!.column_default).toContain("CONFIRMATION WAITING");
    } finally {
      await close();
    }
  });
});
