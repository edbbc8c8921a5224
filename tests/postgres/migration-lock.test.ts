import { describe, expect, it } from "vitest";
import type { Database } from "@/lib/db/connect";
import { applyMigrations } from "@/lib/db/migrate";

const database = () => (globalThis as { __database?: Database }).__database!;

/** Sessions holding the advisory lock Prisma's schema engine serializes migrations with. */
const migrationLocks = async () =>
  Number(
    (
      await database().prisma.$queryRaw<{ count: bigint }[]>`
        SELECT count(*) AS count FROM pg_locks WHERE locktype = 'advisory' AND objid = 72707369 AND granted
          AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`
    )[0]!.count,
  );

describe("migrations on PostgreSQL", () => {
  it("let go of the schema engine's session lock when they finish, so the next run need not wait", async () => {
    // The setup has just migrated this file's database.
    expect(await migrationLocks()).toBe(0);
    const started = Date.now();
    expect(await applyMigrations(database())).toEqual([]);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(await migrationLocks()).toBe(0);
  });
});
