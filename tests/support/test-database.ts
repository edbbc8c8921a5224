import crypto from "node:crypto";
import fs from "node:fs";
import pg from "pg";
import { inject } from "vitest";
import { openDatabase, type Database } from "@/lib/db/connect";

/**
 * A fresh, migrated database for one test file, copied from the template the global setup made
 * (tests/support/template-database.ts): in-memory PGlite by default, or a new database on the
 * PostgreSQL server named by DATABASE_URL, which must be local (tests never touch a remote one).
 */
export async function createTestDatabase(): Promise<{ database: Database; drop(): Promise<void> }> {
  const template = inject("testDatabaseTemplate");
  if (template.engine === "embedded") {
    const database = openDatabase({ engine: "memory", from: new Blob([fs.readFileSync(template.dump)]) });
    return { database, drop: () => database.close() };
  }
  const serverUrl = process.env.DATABASE_URL!;
  const url = localServerUrl(serverUrl);
  const name = `test_${crypto.randomBytes(6).toString("hex")}`;
  await adminQuery(url, `CREATE DATABASE "${name}" TEMPLATE "${template.name}"`);
  url.pathname = `/${name}`;
  const database = openDatabase({ engine: "postgres", url: url.toString(), poolSize: 20 });
  return {
    database,
    async drop() {
      await database.close();
      await adminQuery(localServerUrl(serverUrl), `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    },
  };
}

/** The server of DATABASE_URL, refused unless it is on this machine. */
export function localServerUrl(serverUrl: string): URL {
  const url = new URL(serverUrl);
  if (!["127.0.0.1", "localhost", "::1", "[::1]"].includes(url.hostname)) {
    throw new Error(`Refusing to run tests against a non-local PostgreSQL server (${url.hostname}).`);
  }
  return url;
}

export async function adminQuery(url: URL, sql: string) {
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
