import { syncDataTypes } from "../seed/data-types";
import type { Database } from "./connect";
import { applyMigrations } from "./migrate";

/** Brings a database to the current schema and reference data; demo data only into an empty one. */
export async function prepareDatabase(database: Database, options: { seedDemo: boolean }) {
  await database.ready();
  const appliedMigrations = await applyMigrations(database);
  await syncDataTypes(database.prisma);
  // Loaded only when asked for: a start without demo data does not load its code (or argon2).
  const seeded = options.seedDemo ? await (await import("../seed/demo")).seedDemoData(database.prisma) : false;
  const hasAdmin = (await database.prisma.user.count({ where: { role: "admin", status: "active" } })) > 0;
  return { appliedMigrations, seeded, hasAdmin };
}
