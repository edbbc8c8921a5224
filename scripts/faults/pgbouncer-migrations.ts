/**
 * Migrations behind PgBouncer's transaction pooling (run by scripts/faults/pgbouncer.sh, which
 * sets DATABASE_URL to the pooler and DATABASE_DIRECT_URL to the server). Prisma's schema engine
 * takes a session advisory lock it never releases: through the pooler that lock stays on a server
 * connection, and the next run, handed another one, waits until it times out. Through the direct
 * URL, one database migrates twice in a row while the pooler's connections are busy, quickly.
 */
import pg from "pg";
import { openDatabase } from "../../lib/db/connect";
import { applyMigrations } from "../../lib/db/migrate";
import { checks, freshTarget, sleep } from "./support";

if (!process.env.DATABASE_DIRECT_URL) {
  console.log("pgbouncer-migrations: needs DATABASE_URL (the pooler) and DATABASE_DIRECT_URL (the server): run scripts/faults/pgbouncer.sh");
  process.exit(0);
}

const { check, finish } = checks("pgbouncer migrations");
const target = await freshTarget();
const pooled = target.env.DATABASE_URL!;
const direct = target.env.DATABASE_DIRECT_URL!;

/** Holds `count` of the pooler's server connections in open transactions for `ms`. */
async function keepPoolerBusy(count: number, ms: number) {
  const clients = Array.from({ length: count }, () => new pg.Client({ connectionString: pooled }));
  await Promise.all(clients.map((client) => client.connect()));
  return Promise.all(clients.map((client) => client.query("BEGIN; SELECT pg_sleep($1); COMMIT;".replace("$1", String(ms / 1000))).finally(() => client.end())));
}

async function migrate(directUrl: string | undefined): Promise<{ ok: boolean; ms: number; error?: string }> {
  const database = openDatabase({ engine: "postgres", url: pooled, directUrl, poolSize: 2 });
  const started = Date.now();
  try {
    await applyMigrations(database);
    return { ok: true, ms: Date.now() - started };
  } catch (error) {
    return { ok: false, ms: Date.now() - started, error: (error as Error).message.split("\n").find((line) => line.includes("lock")) ?? (error as Error).message.slice(0, 200) };
  } finally {
    await database.close();
  }
}

try {
  const first = await migrate(direct);
  check(first.ok, `migrations apply through DATABASE_DIRECT_URL (${first.error ?? `${first.ms} ms`})`);
  const busy = keepPoolerBusy(4, 6_000);
  await sleep(300);
  const second = await migrate(direct);
  check(second.ok && second.ms < 5_000, `and again at once, with the pooler busy: no lock left behind (${second.error ?? `${second.ms} ms`})`);
  await busy;

  const app = openDatabase({ engine: "postgres", url: pooled, poolSize: 4 });
  try {
    const rows = await Promise.all(Array.from({ length: 8 }, (_, n) => app.prisma.$queryRaw<{ n: number }[]>`SELECT ${n}::int AS n`));
    check(rows.every((result, n) => result[0]?.n === n), "parameterized queries through the pooler (unnamed prepared statements)");
    const counted = await app.prisma.$transaction(async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(42)`;
      return tx.user.count();
    });
    check(counted === 0, "an interactive transaction with a transaction-level lock through the pooler");
  } finally {
    await app.close();
  }
} finally {
  await target.dispose();
}
process.exit(finish() ? 0 : 1);
