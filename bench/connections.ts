/**
 * `npm run bench -- --only connections [--rows 100000] [--runs 40]`: the connections list
 * (lib/connections/queries.ts listConnections, what GET /api/timp/organizations/connections/
 * answers) over `rows` connections, timed in process on the embedded engine and, when it answers,
 * the local PostgreSQL (BENCH_DATABASE_URL): the first page, the middle one and the last, for a member of the
 * retailer with half the connections and for an admin, before (count + OFFSET, newest first) and
 * now, on the schema's indexes. Needs `--conditions=react-server`
 * (bench/run.ts starts it so): it imports server-only modules.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import pg from "pg";
import { toActor, type Actor } from "../lib/auth/actor";
import { visibleConnections } from "../lib/connections/access";
import { connectionDto, connectionInclude } from "../lib/connections/dto";
import { listConnections } from "../lib/connections/queries";
import { db } from "../lib/db/client";
import { openDatabase, type Database } from "../lib/db/connect";
import { prepareDatabase } from "../lib/db/prepare";
import { readPage, type PageQuery } from "../lib/pagination";
import { seedConnections } from "./connections-seed";

const { values } = parseArgs({ options: { rows: { type: "string", default: "100000" }, runs: { type: "string", default: "40" } } });
const rows = Number(values.rows);
const runs = Number(values.runs);
const limit = 100;

/** As listConnections read before: count, then OFFSET over the rows newest first. */
async function listBefore(actor: Actor, query: PageQuery) {
  const where = visibleConnections(actor);
  const { rows } = await readPage(
    query,
    () => db.connection.count({ where }),
    (skip, take) => db.connection.findMany({ where, orderBy: [{ createdAt: "desc" }, { id: "desc" }], skip, take, include: connectionInclude }),
  );
  const now = new Date();
  return rows.map((row) => connectionDto(row, now));
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)]!;

async function time(list: typeof listConnections, actor: Actor, start: number, times: number) {
  await list(actor, { start, limit });
  const samples: number[] = [];
  for (let i = 0; i < times; i++) {
    const began = performance.now();
    await list(actor, { start, limit });
    samples.push(performance.now() - began);
  }
  samples.sort((a, b) => a - b);
  return `${percentile(samples, 0.5).toFixed(1)} / ${percentile(samples, 0.95).toFixed(1)}`;
}

async function measure(engine: string, database: Database) {
  (globalThis as { __database?: Database }).__database = database;
  await prepareDatabase(database, { seedDemo: true });
  const began = Date.now();
  const orgs = await seedConnections(database.prisma, rows);
  await database.prisma.$executeRawUnsafe(`VACUUM ANALYZE`);
  console.log(`${engine}: seeded ${rows} connections in ${((Date.now() - began) / 1000).toFixed(1)} s`);
  const retailer = orgs.find((org) => org.name === "Bench retailer 0")!;
  const member: Actor = { userId: crypto.randomUUID(), email: "bench@bench.example", name: "Bench", role: "member", organization: { id: retailer.id, name: retailer.name, type: "retailer", role: "member" }, hasSecondFactor: false };
  const admin = toActor(await db.user.findUniqueOrThrow({ where: { email: "admin@example.com" }, include: { organization: true } }));
  const table: Record<string, string>[] = [];
  const measureAll = async (label: string, list: typeof listConnections, times = runs) => {
    for (const [who, actor] of [["member", member], ["admin", admin]] as const) {
      const total = await db.connection.count({ where: visibleConnections(actor) });
      // The same page both ways, or the figures compare different work.
      if (list !== listBefore) {
        const [a, b] = await Promise.all([list(actor, { start: total - limit, limit }), listBefore(actor, { start: total - limit, limit })]);
        if (JSON.stringify(a.map((c) => c.uuid)) !== JSON.stringify(b.map((c) => c.uuid))) throw new Error(`${label}: the last page differs from before's`);
      }
      table.push({
        engine,
        list: label,
        who: `${who} (${total})`,
        "first page p50 / p95 ms": await time(list, actor, 0, times),
        "middle (start = total / 2)": await time(list, actor, Math.floor(total / 2), times),
        [`last (start = total − ${limit})`]: await time(list, actor, total - limit, times),
      });
    }
  };
  // Seconds a call at 10^5 rows: fewer runs.
  await measureAll("before: count + OFFSET", listBefore, Math.min(runs, 10));
  await measureAll("now: the page's ids, then its rows", listConnections);
  return table;
}

const table: Record<string, string>[] = [];
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-connections-"));
const embedded = openDatabase({ engine: "embedded", dataDir });
try {
  table.push(...(await measure("embedded", embedded)));
} finally {
  await embedded.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
}

const serverUrl = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const admin = new pg.Client({ connectionString: serverUrl });
const reachable = await admin.connect().then(() => true, () => false);
if (reachable) {
  const name = `bench_connections_${process.pid}`;
  await admin.query(`CREATE DATABASE "${name}"`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const database = openDatabase({ engine: "postgres", url: url.toString(), poolSize: 4 });
  try {
    table.push(...(await measure("PostgreSQL", database)));
  } finally {
    await database.close();
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.end();
  }
}
console.table(table);
process.exit(0);
