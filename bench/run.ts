/**
 * npm run bench -- [--rows 1000|100000|1000000] [--seconds 10] [--only table|endpoints|archive|isolation|connections|people] [--also-node <path to node>]
 * Seeds a dedicated local PostgreSQL database, drives load with autocannon against the production
 * server, against a minimal node:http + pg floor and against a bare Next.js route returning a
 * constant (the framework's ceiling, bench/bare.ts), and prints each endpoint's throughput and
 * p50/p99 next to the floor's; `npm start` to its first 200 (build present, nothing to migrate)
 * on PostgreSQL and on the embedded engine beside the bare app's `next start`. `--only table`
 * stops there. Also: server RSS under load; the member's list with one server
 * process and with two; with --also-node, health and list under that Node.js beside this one; time
 * from `npm start` to the first 200 on the embedded engine; first-load JavaScript per portal page;
 * time until /docs shows the reference; /api/health while data-request archives are built
 * (bench/archive-stall.ts); a password-reset e-mail, a data request and a healthy webhook behind a
 * slow SMTP relay, with and without dark webhook targets (bench/isolation.ts). Writes
 * bench/results/*.json.
 */
import { spawnSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import pg from "pg";
import { hashPassword } from "../lib/auth/password";
import { openDatabase } from "../lib/db/connect";
import { browserSignIn, killHard, prepare, startServer, timpLogin, type Target } from "../scripts/faults/support";
import { measureArchiveStall } from "./archive-stall";
import { measureIsolation } from "./isolation";
import { startFloor } from "./floor";
import { bundles } from "../scripts/server-arguments";
import { startBareApp } from "./bare";
import { docsPaint, firstLoadJavaScript, medianOf, npmStartToFirst200, preparedDataDir } from "./measures";
import { seedConnections } from "./connections-seed";
import { seedBench } from "./seed";

const { values } = parseArgs({
  options: {
    rows: { type: "string", default: "1000" },
    seconds: { type: "string", default: "10" },
    only: { type: "string" },
    // Only the table's rows whose name contains this (and the ceiling), to measure one change.
    scenario: { type: "string" },
    "also-node": { type: "string" },
  },
});
const rows = Number(values.rows);
const seconds = Number(values.seconds);
const serverUrl = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const root = path.resolve(import.meta.dirname, "..");

if (values.only === "connections" || values.only === "people") {
  // In its own process: it calls lib/ functions marked server-only, importable under react-server only.
  const inProcessRows = process.argv.includes("--rows") ? values.rows! : "100000";
  const child = spawnSync(process.execPath, ["--conditions=react-server", "--import", "tsx", path.join(root, `bench/${values.only}.ts`), "--rows", inProcessRows], {
    stdio: "inherit",
    env: { ...process.env, BENCH_DATABASE_URL: serverUrl },
  });
  process.exit(child.status ?? 1);
}

// A dedicated database per size, seeded once and reused by later runs.
const databaseUrl = new URL(serverUrl);
databaseUrl.pathname = `/bench_${rows}`;
const target: Target = {
  engine: "postgres",
  env: { DATABASE_URL: databaseUrl.toString() },
  open: () => openDatabase({ engine: "postgres", url: databaseUrl.toString(), poolSize: 4 }),
  dispose: async () => undefined,
};
const adminClient = new pg.Client({ connectionString: serverUrl });
await adminClient.connect();
const exists = (await adminClient.query("SELECT 1 FROM pg_database WHERE datname = $1", [`bench_${rows}`])).rowCount;
if (!exists) await adminClient.query(`CREATE DATABASE "bench_${rows}"`);
await adminClient.end();
const client = new pg.Client({ connectionString: databaseUrl.toString() });
await client.connect();
await prepare(target);
const seeded = (await client.query(`SELECT count(*)::int AS n FROM "ConnectionRequest" WHERE "supplierName" LIKE 'Supplier %'`)).rows[0].n;
if (seeded < rows) {
  const started = Date.now();
  await seedBench(client, rows, await hashPassword("bench-password"));
  console.log(`seeded ${rows} connection requests in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
// The connections list's data (bench/connections-seed.ts): `rows` connections over four retailers, once.
if (!(await client.query(`SELECT 1 FROM "Connection" WHERE "supplierName" LIKE 'Bench supplier %' LIMIT 1`)).rowCount) {
  const started = Date.now();
  const database = target.open();
  await seedConnections(database.prisma, rows).finally(() => database.close());
  await client.query("ANALYZE");
  console.log(`seeded ${rows} connections in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
const person = (await client.query(`SELECT id, email, "organizationId" FROM "User" WHERE email = 'bench0@bench.example'`)).rows[0] as { id: string; email: string; organizationId: string };
// A TIMP token for a member of the retailer with half the connections (its people have no password).
const connectionsMember = (await client.query(`SELECT u.id, u."organizationId" FROM "User" u JOIN "Organization" o ON o.id = u."organizationId" WHERE o."nameKey" = 'bench retailer 0' LIMIT 1`)).rows[0] as { id: string; organizationId: string };
const connectionsToken = `timp_bench_${crypto.randomBytes(16).toString("hex")}`;
await client.query(`INSERT INTO "ApiToken" (id, "userId", name, "tokenHash", "expiresAt", "createdAt") VALUES (gen_random_uuid(), $1, 'bench', $2, now() + interval '1 day', now())`, [
  connectionsMember.id,
  crypto.createHash("sha256").update(connectionsToken).digest("hex"),
]);
const orgTotal = (await client.query(`SELECT "lastSequence" AS n FROM "ConnectionRequestTally" WHERE scope = $1`, [person.organizationId])).rows[0].n as number;
const anyRequest = (await client.query(`SELECT id FROM "ConnectionRequest" WHERE "organizationId" = $1 LIMIT 1`, [person.organizationId])).rows[0].id as string;
// An OAuth access token for the person, stored as the server stores them (hash only).
const bearer = `at_bench_${crypto.randomBytes(16).toString("hex")}`;
const oauthClient = (await client.query(
  `INSERT INTO "OAuthClient" (id, "clientId", name, "ownerId", type, "redirectUris", "createdAt") VALUES (gen_random_uuid(), $1, 'bench', $2, 'public', '{}', now()) RETURNING id`,
  [`bench-${crypto.randomUUID()}`, person.id],
)).rows[0].id as string;
await client.query(
  `INSERT INTO "OAuthToken" (id, kind, "tokenHash", "clientId", "userId", "familyId", scopes, "expiresAt", "createdAt")
   VALUES (gen_random_uuid(), 'access', $1, $2, $3, gen_random_uuid(), '{requests:read,requests:write}', now() + interval '1 day', now())`,
  [crypto.createHash("sha256").update(bearer).digest("hex"), oauthClient, person.id],
);
await client.end();

const port = 3800;
if (values.only === "isolation") {
  console.table(await measureIsolation(serverUrl, port + 9));
  process.exit(0);
}
if (values.only === "archive") {
  console.table(await measureArchiveStall(target, databaseUrl.toString(), person.id, person.organizationId, port + 2, seconds));
  process.exit(0);
}
const app = await startServer(target, port, { WORKER_ENABLED: "0", CREATE_LIMIT_PER_MINUTE: "1000000" });
const memberAuth = { authorization: `Token ${(await timpLogin(app.url, person.email, "bench-password")).token}` };
// Creates go to another organization, so that the measured lists stay as seeded run after run.
const creatorAuth = { authorization: `Token ${(await timpLogin(app.url, "bench1@bench.example", "bench-password")).token}` };
const adminAuth = { authorization: `Token ${(await timpLogin(app.url, "admin@example.com")).token}` };
const adminCookie = (await browserSignIn(app.url, "admin@example.com"))!;
const floor = await startFloor(databaseUrl.toString(), port + 1);
const floorUrl = `http://127.0.0.1:${port + 1}`;
const bare = await startBareApp(port + 10);

let peakRss = 0;
const rssTimer = setInterval(() => {
  const status = fs.readFileSync(`/proc/${app.process.pid}/status`, { encoding: "utf8", flag: "r" });
  peakRss = Math.max(peakRss, Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) * 1024);
}, 200);
app.process.once("exit", () => clearInterval(rssTimer));

type Result = { rps: number; p50: number; p99: number; errors: number };
type Call = { url: string; headers?: Record<string, string>; method?: "GET" | "POST"; body?: string };
async function load(call: Call, connections: number): Promise<Result> {
  const result = await autocannon({
    url: call.url,
    connections,
    duration: seconds,
    headers: call.headers ?? {},
    method: call.method ?? "GET",
    ...(call.body ? { body: call.body } : {}),
  });
  return { rps: Math.round(result.requests.average), p50: result.latency.p50, p99: result.latency.p99, errors: result.errors + result.non2xx };
}

const timp = `${app.url}/api/timp/organizations/connections/request/`;
const memberDeep = Math.floor(orgTotal / 2);
const adminDeep = Math.floor(rows / 2);
const memberList = (start: number) => ({ url: `${timp}?limit=50&start=${start}`, headers: memberAuth });
const floorList = (org: string, start: number) => ({ url: `${floorUrl}/list?org=${org}&limit=50&start=${start}` });
const scenarios: { name: string; app: Call; floor?: Call }[] = [
  { name: "bare Next.js route, a constant (framework ceiling)", app: { url: `${bare.url}/constant` } },
  { name: "health check (framework + one query)", app: { url: `${app.url}/api/health` }, floor: { url: `${floorUrl}/health` } },
  { name: "list, first page (member)", app: memberList(0), floor: floorList(person.organizationId, 0) },
  { name: `list, deep page (member, start=${memberDeep})`, app: memberList(memberDeep), floor: floorList(person.organizationId, memberDeep) },
  { name: "list, first page (admin)", app: { url: `${timp}?limit=50`, headers: adminAuth }, floor: floorList("platform", 0) },
  { name: `list, deep page (admin, start=${adminDeep})`, app: { url: `${timp}?limit=50&start=${adminDeep}`, headers: adminAuth }, floor: floorList("platform", adminDeep) },
  {
    name: "connections list, first page (member, half of 10^5)",
    app: { url: `${app.url}/api/timp/organizations/connections/?limit=50`, headers: { authorization: `Token ${connectionsToken}` } },
    floor: { url: `${floorUrl}/connections?org=${connectionsMember.organizationId}&limit=50&start=0` },
  },
  { name: "detail", app: { url: `${timp}${anyRequest}/`, headers: memberAuth } },
  { name: "GET /api/requests (bearer)", app: { url: `${app.url}/api/requests`, headers: { authorization: `Bearer ${bearer}` } }, floor: { url: `${floorUrl}/requests?user=${person.id}` } },
  { name: "POST create", app: { url: timp, method: "POST", headers: { ...creatorAuth, "content-type": "application/json" }, body: JSON.stringify({ organization_name: "Bench", primary_contact_name: "B" }) } },
  { name: "approval queue page (HTML)", app: { url: `${app.url}/admin/approvals`, headers: { cookie: adminCookie } } },
];

// Under load (10 connections) for throughput and tail latency; then alone (1 connection) for
// the latency one person sees, without queueing behind nine others.
const table: Record<string, unknown>[] = [];
console.log(`app on ${app.url}, floor on ${floorUrl}, bare Next.js on ${bare.url}; ${seconds} s per measurement`);
let ceiling = 0;
for (const scenario of scenarios.filter((each, index) => index === 0 || !values.scenario || each.name.includes(values.scenario))) {
  console.log(`- ${scenario.name}`);
  const measured = await load(scenario.app, 10);
  const alone = await load(scenario.app, 1);
  const base = scenario.floor ? await load(scenario.floor, 10) : undefined;
  ceiling ||= measured.rps;
  table.push({
    endpoint: scenario.name,
    "req/s": measured.rps,
    "p50 ms": measured.p50,
    "p99 ms": measured.p99,
    "alone p50": alone.p50,
    errors: measured.errors + alone.errors,
    "floor req/s": base?.rps ?? "",
    "floor p50": base?.p50 ?? "",
    "floor p99": base?.p99 ?? "",
    "×floor req/s": base ? Number((measured.rps / base.rps).toFixed(2)) : "",
    "×floor p99": base ? Number((measured.p99 / Math.max(1, base.p99)).toFixed(2)) : "",
    // What the framework leaves of the floor: one request costs the floor's time plus the ceiling's.
    "floor+framework req/s": base ? Math.round(1 / (1 / base.rps + 1 / ceiling)) : "",
    "×ceiling req/s": Number((measured.rps / ceiling).toFixed(3)),
  });
}
clearInterval(rssTimer);
bare.close();
console.table(table);

// Starts: `npm start` to its first 200, build present and nothing to migrate, on PostgreSQL and
// on the embedded engine, beside the bare app's own `next start`; the median of three each.
const startRuns = 3;
const bareStart = await medianOf(startRuns, async () => {
  const server = await startBareApp(port + 11);
  server.close();
  return server.startMs;
});
const postgresStart = await medianOf(startRuns, () => npmStartToFirst200(root, port + 12, { databaseUrl: databaseUrl.toString() }));
const folder = await preparedDataDir();
const embeddedStart = await medianOf(startRuns, () => npmStartToFirst200(root, port + 13, folder.copy()));
folder.dispose();
const starts = [
  { start: "bare Next.js app, next start", "first 200 ms": bareStart, "×bare": 1 },
  { start: "npm start, PostgreSQL", "first 200 ms": postgresStart, "×bare": Number((postgresStart / bareStart).toFixed(2)), target: "≤ 3×" },
  { start: "npm start, embedded", "first 200 ms": embeddedStart, "×bare": Number((embeddedStart / bareStart).toFixed(2)), target: "≤ 5×" },
];
console.table(starts);
if (values.only === "table") {
  await killHard(app);
  await floor.close();
  writeResults({ table, starts });
}

// Processes: the member's first page under 10 connections with one server process (as above)
// and with two (WEB_CONCURRENCY=2), one after the other in this run.
const memberFirstPage = (url: string) => ({ url: `${url}/api/timp/organizations/connections/request/?limit=50`, headers: memberAuth });
const oneProcess = await load(memberFirstPage(app.url), 10);
const cluster = await startServer(target, port + 3, { WORKER_ENABLED: "0", WEB_CONCURRENCY: "2" });
const twoProcesses = await load(memberFirstPage(cluster.url), 10);
await killHard(cluster);
const processes = [
  { processes: 1, "req/s": oneProcess.rps, "p50 ms": oneProcess.p50, "p99 ms": oneProcess.p99 },
  { processes: 2, "req/s": twoProcesses.rps, "p50 ms": twoProcesses.p50, "p99 ms": twoProcesses.p99, "×1 process": Number((twoProcesses.rps / oneProcess.rps).toFixed(2)) },
];

const approvalPage = (url: string) => ({ url: `${url}/admin/approvals`, headers: { cookie: adminCookie } });

// Node.js lines: the same build under another Node binary (--also-node), side by side.
const nodes: Record<string, unknown>[] = [];
if (values["also-node"]) {
  const other = await startServer(target, port + 4, { WORKER_ENABLED: "0" }, values["also-node"]);
  const otherVersion = /"node":"(v[\d.]+)"/.exec(other.logs.join("\n"))?.[1] ?? values["also-node"];
  for (const [version, url] of [[process.version, app.url], [otherVersion, other.url]] as const) {
    const health = await load({ url: `${url}/api/health` }, 10);
    const list = await load(memberFirstPage(url), 10);
    const page = await load(approvalPage(url), 10);
    nodes.push({ node: version, "health req/s": health.rps, "list req/s": list.rps, "approval page req/s": page.rps, "approval page p50": page.p50 });
  }
  await killHard(other);
}

// Memory: peak RSS of one process under the same load (the approval page, then the member's
// list, 10 connections each), as it was (through tsx, no heap limit), bundled without limits,
// and as shipped (bundled, heap limits: scripts/server-bundle.ts).
const memory: Record<string, unknown>[] = [];
const variants: [string, string[] | undefined][] = [
  ["before: through tsx, no heap limit", ["--import", "tsx", path.join(root, "scripts/server.ts")]],
  ["bundled, no heap limit", [path.join(root, bundles.server)]],
  ["now: bundled, heap limits", undefined],
];
for (const [index, [variant, nodeArguments]] of variants.entries()) {
  const server = await startServer(target, port + 5 + index, { WORKER_ENABLED: "0" }, process.execPath, nodeArguments);
  let peak = 0;
  const sample = setInterval(() => {
    const status = fs.readFileSync(`/proc/${server.process.pid}/status`, "utf8");
    peak = Math.max(peak, Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) * 1024);
  }, 100);
  const page = await load(approvalPage(server.url), 10);
  const list = await load(memberFirstPage(server.url), 10);
  clearInterval(sample);
  await killHard(server);
  memory.push({ variant, "peak RSS MiB": Math.round(peak / 1048576), "approval page req/s": page.rps, "list req/s": list.rps });
}
const pages = await firstLoadJavaScript(app.url, adminCookie, ["/", "/connections", "/connections/new", "/requests", "/admin/approvals", "/settings/tokens", "/signin", "/docs"]);
const docs = await docsPaint(app.url);
await killHard(app);
await floor.close();
const archiveStall = values.only === "endpoints" ? [] : await measureArchiveStall(target, databaseUrl.toString(), person.id, person.organizationId, port + 2, seconds);
const isolation = values.only === "endpoints" ? [] : await measureIsolation(serverUrl, port + 9);

console.table(table);
console.log(`server RSS peak under load (one process, Node.js ${process.version}): ${(peakRss / 1048576).toFixed(0)} MiB`);
console.table(starts);
console.log(`server processes (member's first page, 10 connections), Node.js ${process.version}:`);
console.table(processes);
if (nodes.length) console.table(nodes);
console.log("server memory under load (one process):");
console.table(memory);
console.table(pages);
console.log("API reference (/docs) in Chromium:", docs);
if (archiveStall.length) console.table(archiveStall);
if (isolation.length) console.table(isolation);
writeResults({ table, peakRssBytes: peakRss, starts, pages, docs, processes, nodes, memory, archiveStall, isolation });

function writeResults(measured: Record<string, unknown>): never {
  const results = { machine: `${process.platform} ${process.arch}, ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB`, node: process.version, rows, seconds, at: new Date().toISOString(), ...measured };
  fs.mkdirSync(path.join(root, "bench/results"), { recursive: true });
  const file = path.join(root, `bench/results/bench-${rows}-${Date.now()}.json`);
  fs.writeFileSync(file, JSON.stringify(results, null, 2));
  console.log(`written to ${path.relative(root, file)}`);
  process.exit(0);
}
