import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { openDatabase, type Database } from "@/lib/db/connect";
import { applyMigrations, migrationsDir } from "@/lib/db/migrate";

/**
 * An in-memory database as it was just before `migration`: every earlier migration applied, to
 * load rows the old way and then see what the migration makes of them (`applyMigrations(database)`
 * applies the rest). `close()` drops it and the copied migrations.
 */
export async function databaseBefore(migration: string): Promise<{ database: Database; close: () => Promise<void> }> {
  const before = await fs.mkdtemp(path.join(os.tmpdir(), "migrations-"));
  const names = (await fs.readdir(migrationsDir, { withFileTypes: true })).filter((entry) => entry.isDirectory()).map((entry) => entry.name);
  for (const name of names.filter((name) => name < migration)) await fs.cp(path.join(migrationsDir, name), path.join(before, name), { recursive: true });
  await fs.copyFile(path.join(migrationsDir, "migration_lock.toml"), path.join(before, "migration_lock.toml"));
  const database = openDatabase({ engine: "memory" });
  await applyMigrations(database, before);
  return {
    database,
    close: async () => {
      await database.close();
      await fs.rm(before, { recursive: true, force: true });
    },
  };
}
