import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { openDatabase } from "./connect";
import { applyMigrations, diffSchemaAgainstMigrations, migrationsDir } from "./migrate";

describe("migrations", () => {
  it("match schema.prisma: a schema change without its migration fails here", async () => {
    expect(await diffSchemaAgainstMigrations()).toBe("");
  });

  it("apply once to a fresh database, then report it up to date", async () => {
    const database = openDatabase({ engine: "memory" });
    try {
      const first = await applyMigrations(database);
      expect(first.length).toBeGreaterThan(0);
      expect(await applyMigrations(database)).toEqual([]);
      const tables = await database.prisma.$queryRaw<{ table_name: string }[]>`
        SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'`;
      expect(tables.map((t) => t.table_name)).toEqual(expect.arrayContaining(["User", "ConnectionRequest", "OAuthToken"]));
    } finally {
      await database.close();
    }
  });

  it("do not record a failing migration as applied on the embedded engine", async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), "migrations-"));
    await fs.cp(migrationsDir, dir, { recursive: true });
    await fs.mkdir(path.join(dir, "99990101000000_broken"));
    await fs.writeFile(path.join(dir, "99990101000000_broken", "migration.sql"), 'ALTER TABLE "NoSuchTable" ADD COLUMN x int;');
    const database = openDatabase({ engine: "memory" });
    try {
      await expect(applyMigrations(database, dir)).rejects.toThrow(/NoSuchTable/);
      const rows = await database.prisma.$queryRaw<{ migration_name: string; finished_at: Date | null }[]>`
        SELECT migration_name, finished_at FROM _prisma_migrations WHERE migration_name = '99990101000000_broken'`;
      expect(rows.every((row) => row.finished_at === null)).toBe(true);
    } finally {
      await database.close();
      await fs.rm(dir, { recursive: true, force: true });
    }
  });

  it("number the requests of a database made before positions in their old order, with exact tallies", async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), "migrations-"));
    const [init] = (await fs.readdir(migrationsDir)).filter((name) => /^\d/.test(name)).sort();
    await fs.cp(path.join(migrationsDir, init!), path.join(dir, init!), { recursive: true });
    await fs.cp(path.join(migrationsDir, "migration_lock.toml"), path.join(dir, "migration_lock.toml"));
    const database = openDatabase({ engine: "memory" });
    try {
      await applyMigrations(database, dir);
      await database.prisma.$executeRawUnsafe(`
        INSERT INTO "Organization" (id, name, "nameKey", type) VALUES
          ('00000000-0000-4000-8000-00000000000a', 'A', 'a', 'retailer'), ('00000000-0000-4000-8000-00000000000b', 'B', 'b', 'retailer')`);
      await database.prisma.$executeRawUnsafe(`
        INSERT INTO "ConnectionRequest" (id, "organizationId", "supplierName", "contactFullName", status, "requestDate", "updatedAt") VALUES
          ('00000000-0000-4000-8000-000000000003', '00000000-0000-4000-8000-00000000000a', 'third', 'c', 'approved', '2026-01-03', now()),
          ('00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-00000000000a', 'first', 'c', 'pending', '2026-01-01', now()),
          ('00000000-0000-4000-8000-000000000002', '00000000-0000-4000-8000-00000000000b', 'second', 'c', 'pending', '2026-01-02', now());`);
      await applyMigrations(database);
      const rows = await database.prisma.connectionRequest.findMany({ orderBy: { sequence: "asc" }, select: { supplierName: true, orgSequence: true } });
      expect(rows).toEqual([
        { supplierName: "first", orgSequence: 1 },
        { supplierName: "second", orgSequence: 1 },
        { supplierName: "third", orgSequence: 2 },
      ]);
      const tallies = await database.prisma.connectionRequestTally.findMany({ orderBy: { scope: "asc" } });
      expect(tallies.map(({ scope, lastSequence, pending, approved }) => ({ scope, lastSequence, pending, approved }))).toEqual([
        { scope: "00000000-0000-4000-8000-00000000000a", lastSequence: 2, pending: 1, approved: 1 },
        { scope: "00000000-0000-4000-8000-00000000000b", lastSequence: 1, pending: 1, approved: 0 },
        { scope: "platform", lastSequence: 3, pending: 2, approved: 1 },
      ]);
    } finally {
      await database.close();
      await fs.rm(dir, { recursive: true, force: true });
    }
  });

  it("merge the duplicate grants two racing consents made, keeping every token", async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), "migrations-"));
    const before = (await fs.readdir(migrationsDir)).filter((name) => /^\d/.test(name) && name < "20261123110642").sort();
    for (const name of [...before, "migration_lock.toml"]) await fs.cp(path.join(migrationsDir, name), path.join(dir, name), { recursive: true });
    const database = openDatabase({ engine: "memory" });
    try {
      await applyMigrations(database, dir);
      const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`;
      const run = (sql: string) => database.prisma.$executeRawUnsafe(sql);
      await run(`INSERT INTO "User" (id, email, "passwordHash", "updatedAt") VALUES ('${id(1)}', 'u@example.com', 'x', now())`);
      await run(`INSERT INTO "OAuthClient" (id, "clientId", name, "ownerId", type) VALUES ('${id(2)}', 'c', 'App', '${id(1)}', 'public')`);
      await run(`INSERT INTO "OAuthGrant" (id, "clientId", "userId", scopes, "createdAt", "revokedAt") VALUES
          ('${id(10)}', '${id(2)}', '${id(1)}', '{requests:read}', '2026-01-01', '2026-01-02'),
          ('${id(11)}', '${id(2)}', '${id(1)}', '{requests:read}', '2026-01-03', NULL),
          ('${id(12)}', '${id(2)}', '${id(1)}', '{requests:write}', '2026-01-03 00:00:01', NULL)`);
      await run(`INSERT INTO "OAuthToken" (id, kind, "tokenHash", "clientId", "userId", "grantId", "familyId", scopes, "expiresAt") VALUES
          ('${id(20)}', 'access', 'h1', '${id(2)}', '${id(1)}', '${id(10)}', '${id(30)}', '{}', now()),
          ('${id(21)}', 'access', 'h2', '${id(2)}', '${id(1)}', '${id(11)}', '${id(31)}', '{}', now()),
          ('${id(22)}', 'access', 'h3', '${id(2)}', '${id(1)}', '${id(12)}', '${id(32)}', '{}', now())`);
      await applyMigrations(database);
      const grants = await database.prisma.oAuthGrant.findMany();
      expect(grants.map((grant) => grant.id)).toEqual([id(12)]); // the newest active one
      const tokens = await database.prisma.oAuthToken.findMany({ orderBy: { id: "asc" } });
      expect(tokens.map((token) => [token.id, token.grantId])).toEqual([[id(20), id(12)], [id(21), id(12)], [id(22), id(12)]]);
    } finally {
      await database.close();
      await fs.rm(dir, { recursive: true, force: true });
    }
  });
});
