import "server-only";
import fs from "node:fs/promises";
import path from "node:path";
import { database } from "./db/client";
import { logger } from "./observability/logger";
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
  /** Why not, in words that name no internals: migration names would tell outsiders our release. */
  reason: "stopping" | "database_unreachable" | "migrations_pending" | null;
}

/**
 * Whether this instance can serve: it is not stopping, the database answers, and every migration
 * in prisma/migrations is applied (a new release before `npm run db:migrate` is not ready). The
 * pending migrations' names go to the log, for the operator.
 */
export async function checkReadiness(): Promise<Readiness> {
  if (isStopping()) return { ready: false, reason: "stopping" };
  const { prisma } = database();
  let applied: { migration_name: string }[];
  try {
    applied = await prisma.$queryRaw<{ migration_name: string }[]>`
      SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`;
  } catch {
    return { ready: false, reason: "database_unreachable" };
  }
  const names = new Set(applied.map((row) => row.migration_name));
  const pendingMigrations = (await migrationNames()).filter((name) => !names.has(name));
  if (pendingMigrations.length === 0) return { ready: true, reason: null };
  logger().warn({ pendingMigrations }, "not ready: migrations pending (npm run db:migrate)");
  return { ready: false, reason: "migrations_pending" };
}

async function migrationNames(): Promise<string[]> {
  const entries = await fs.readdir(path.join(process.cwd(), "prisma", "migrations"), { withFileTypes: true });
  return entries.filter((entry) => entry.isDirectory()).map((entry) => entry.name);
}
