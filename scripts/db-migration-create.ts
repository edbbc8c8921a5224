/**
 * Creates a migration from a change to prisma/schema.prisma, offline:
 *   npm run db:migration:create -- <name>
 */
import { diffSchemaAgainstMigrations, writeMigration } from "../lib/db/migrate";

const name = process.argv[2];
if (!name) {
  console.error("usage: npm run db:migration:create -- <name>");
  process.exit(2);
}
const sql = await diffSchemaAgainstMigrations();
if (!sql) {
  console.log("schema.prisma matches the migrations: nothing to create.");
} else {
  console.log(`created ${await writeMigration(name, sql)}`);
}
// The wasm engine keeps timers alive for a few seconds after its work is done.
process.exit(0);
