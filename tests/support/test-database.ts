import crypto from "node:crypto";
import pg from "pg";
import { openDatabase, type Database } from "@/lib/db/connect";
import { applyMigrations } from "@/lib/db/migrate";
import { syncDataTypes } from "@/lib/seed/data-types";

/**
 * A fresh, migrated database for one test file: in-memory PGlite by default, or a new database on
 * the PostgreSQL server named by DATABASE_URL, which must be local (tests never touch a remote one).
 */
export async function createTestDatabase(): Promise<{ database: Database; drop(): Promise<void> }> {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    const database = openDatabase({ engine: "memory" });
    await applyMigrations(database);
    await syncDataTypes(database.prisma);
    return { database, drop: () => database.close() };
  }

  const url = new URL(serverUrl);
  if (!["127.0.0.1", "localhost", "::1", "[::1]"].includes(url.hostname)) {
    throw new Error(`Refusing to run tests against a non-local PostgreSQL server (${url.hostname}).`);
  }
  const name = `test_${crypto.randomBytes(6).toString("hex")}`;
  await adminQuery(url, `CREATE DATABASE "${name}"`);
  url.pathname = `/${name}`;
  const database = openDatabase({ engine: "postgres", url: url.toString(), poolSize: 20 });
  await applyMigrations(database);
  await syncDataTypes(database.prisma);
  return {
    database,
    async drop() {
      await database.close();
      await adminQuery(new URL(serverUrl), `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    },
  };
}

async function adminQuery(url: URL, sql: string) {
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
