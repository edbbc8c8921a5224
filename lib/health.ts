import "server-only";
import fs from "node:fs/promises";
import path from "node:path";
import { database } from "./db/client";
import { isStopping } from "./server/lifecycle";

export async function checkDatabase(): Promise<{ ok: boolean; engine: "embedded" | "postgres" }> {
  const { engine, prisma } = database();
  try {
    await prisma.$queryRaw`SELECT 1`;
    return { ok: true, engine };
  } catch {
    return { ok: false, engine };
  }
}

export interface Readiness {
  ready: boolean;
  database: "reachable" | "unreachable";
  pendingMigrations: string[] | null;
  stopping: boolean;
}

/**
 * Whether this instance can serve: it is not stopping, the database answers, and every migration
 * in prisma/migrations is applied (a new release before `npm run db:migrate` is not ready).
 */
export async function checkReadiness(): Promise<Readiness> {
  const stopping = isStopping();
  const { prisma } = database();
  try {
    const applied = await prisma.$queryRaw<{ migration_name: string }[]>`
      SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`;
    const names = new Set(applied.map((row) => row.migration_name));
    const pendingMigrations = (await migrationNames()).filter((name) => !names.has(name));
    return { ready: !stopping && pendingMigrations.length === 0, database: "reachable", pendingMigrations, stopping };
  } catch {
    return { ready: false, database: "unreachable", pendingMigrations: null, stopping };
  }
}

async function migrationNames(): Promise<string[]> {
  const entries = await fs.readdir(path.join(process.cwd(), "prisma", "migrations"), { withFileTypes: true });
  return entries.filter((entry) => entry.isDirectory()).map((entry) => entry.name);
}
