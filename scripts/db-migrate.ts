/** Applies pending migrations to the database the environment names. */
import { applyMigrations } from "../lib/db/migrate";
import { describeDatabase, openDatabaseFromEnv } from "../lib/db/open-from-env";

const database = openDatabaseFromEnv({ poolSize: 2 });
try {
  await database.ready();
  const applied = await applyMigrations(database);
  console.log(`${describeDatabase()}: ${applied.length ? `applied ${applied.join(", ")}` : "up to date"}`);
} finally {
  await database.close();
}
// The wasm engine keeps timers alive for a few seconds after its work is done.
process.exit(0);
