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
});
