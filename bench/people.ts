/**
 * `npm run bench -- --only people [--rows 100000] [--runs 40]`: the admins' people list
 * (lib/admin/people.ts listPeople, what /admin/people shows) over `rows` people seeded in one
 * INSERT … SELECT generate_series, timed in process on the embedded engine and, when it answers,
 * the local PostgreSQL (BENCH_DATABASE_URL): the first page, a deep page (the cursor 30 people
 * before the end) and an e-mail prefix search, beside OFFSET to the same depth for contrast.
 * Needs `--conditions=react-server` (bench/run.ts starts it so): it imports server-only modules.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import pg from "pg";
import { listPeople } from "../lib/admin/people";
import { toActor } from "../lib/auth/actor";
import { db } from "../lib/db/client";
import { openDatabase, type Database } from "../lib/db/connect";
import { prepareDatabase } from "../lib/db/prepare";
import { peopleQuerySchema } from "../lib/schemas/admin";

const { values } = parseArgs({ options: { rows: { type: "string", default: "100000" }, runs: { type: "string", default: "40" } } });
const rows = Number(values.rows);
const runs = Number(values.runs);

const email = (n: number) => `person${String(n).padStart(7, "0")}@bench.example`;

async function seedPeople(database: Database) {
  await database.prisma.$executeRaw`
    INSERT INTO "Organization" (id, name, "nameKey", type, "createdAt")
    SELECT gen_random_uuid(), 'Bench people ' || n, 'bench people ' || n, 'retailer', now() FROM generate_series(0, 99) n`;
  await database.prisma.$executeRaw`
    INSERT INTO "User" (id, email, "passwordHash", "firstName", "lastName", role, status, "organizationId", "organizationRole", "emailVerifiedAt", "createdAt", "updatedAt")
    SELECT gen_random_uuid(), 'person' || lpad(i::text, 7, '0') || '@bench.example', '', 'Person', i::text, 'member', 'active', o.id,
           (CASE WHEN i < 100 THEN 'owner' ELSE 'member' END)::"OrganizationRole", now(), now(), now()
    FROM generate_series(0, ${rows}::int - 1) i
    JOIN "Organization" o ON o."nameKey" = 'bench people ' || (i % 100)`;
  await database.prisma.$executeRawUnsafe(`VACUUM ANALYZE "User"`);
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)]!;

async function time(read: () => Promise<unknown>) {
  await read();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const began = performance.now();
    await read();
    samples.push(performance.now() - began);
  }
  samples.sort((a, b) => a - b);
  return `${percentile(samples, 0.5).toFixed(2)} / ${percentile(samples, 0.95).toFixed(2)}`;
}

async function measure(engine: string, database: Database) {
  (globalThis as { __database?: Database }).__database = database;
  await prepareDatabase(database, { seedDemo: true });
  const began = Date.now();
  await seedPeople(database);
  console.log(`${engine}: seeded ${rows} people in ${((Date.now() - began) / 1000).toFixed(1)} s`);
  const admin = toActor(await db.user.findUniqueOrThrow({ where: { email: "admin@example.com" }, include: { organization: true } }));
  const deepCursor = email(rows - 30);
  const page = (query: Record<string, string>) => () => listPeople(admin, peopleQuerySchema.parse(query));
  const first = await page({})();
  const deep = await page({ after: deepCursor })();
  if (deep.people.length === 0 || first.people.length !== 50) throw new Error("the pages read nothing: the seed did not land");
  const offsetDepth = (await db.user.count({ where: { email: { lte: deepCursor } } })) - 1;
  return {
    engine,
    people: rows,
    "first page p50 / p95 ms": await time(page({})),
    [`deep page (after ${deepCursor.slice(0, 13)}…)`]: await time(page({ after: deepCursor })),
    "search q=person00099": await time(page({ q: "person00099" })),
    [`for contrast: OFFSET ${offsetDepth}`]: await time(() => db.user.findMany({ orderBy: { email: "asc" }, skip: offsetDepth, take: 51, select: { id: true, email: true } })),
  };
}

const table: Record<string, string | number>[] = [];
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-people-"));
const embedded = openDatabase({ engine: "embedded", dataDir });
try {
  table.push(await measure("embedded", embedded));
} finally {
  await embedded.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
}

const serverUrl = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const adminClient = new pg.Client({ connectionString: serverUrl });
if (await adminClient.connect().then(() => true, () => false)) {
  const name = `bench_people_${process.pid}`;
  await adminClient.query(`CREATE DATABASE "${name}"`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const database = openDatabase({ engine: "postgres", url: url.toString(), poolSize: 4 });
  try {
    table.push(await measure("PostgreSQL", database));
  } finally {
    await database.close();
    await adminClient.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await adminClient.end();
  }
}
console.table(table);
process.exit(0);
