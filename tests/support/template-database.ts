/**
 * Vitest's global setup: migrates one database before any test file runs, and each file then
 * starts from a copy of it (tests/support/test-database.ts) instead of running every migration
 * again, which took most of a test file's setup. On the embedded engine the copy is a dump of the
 * data folder loaded into a new in-memory PGlite; on PostgreSQL it is CREATE DATABASE … TEMPLATE.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { openDatabase } from "@/lib/db/connect";
import { applyMigrations } from "@/lib/db/migrate";
import { syncDataTypes } from "@/lib/seed/data-types";
import { adminQuery, localServerUrl } from "./test-database";

declare module "vitest" {
  export interface ProvidedContext {
    /** A file holding the migrated embedded database's dump, or the PostgreSQL template's name. */
    testDatabaseTemplate: { engine: "embedded"; dump: string } | { engine: "postgres"; name: string };
  }
}

export default async function setup(project: TestProject) {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    const database = openDatabase({ engine: "memory" });
    await applyMigrations(database);
    await syncDataTypes(database.prisma);
    const pglite = (database.adapterFactory as unknown as { pglite: { dumpDataDir(compression: "none"): Promise<Blob> } }).pglite;
    const dump = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "test-template-")), "pgdata.tar");
    fs.writeFileSync(dump, Buffer.from(await (await pglite.dumpDataDir("none")).arrayBuffer()));
    await database.close();
    project.provide("testDatabaseTemplate", { engine: "embedded", dump });
    return () => fs.rmSync(path.dirname(dump), { recursive: true, force: true });
  }
  const url = localServerUrl(serverUrl);
  const name = `test_template_${crypto.randomBytes(6).toString("hex")}`;
  await adminQuery(url, `CREATE DATABASE "${name}"`);
  url.pathname = `/${name}`;
  const database = openDatabase({ engine: "postgres", url: url.toString(), poolSize: 2 });
  await applyMigrations(database);
  await syncDataTypes(database.prisma);
  await database.close(); // a template may have no connection while it is copied
  project.provide("testDatabaseTemplate", { engine: "postgres", name });
  return () => adminQuery(localServerUrl(serverUrl), `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
}
