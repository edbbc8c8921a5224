/**
 * SIGTERM under write load, at least 20 times: each time the server must stop in order (requests
 * drained, the worker's claims given back, the database closed last) and exit 0. Between stops
 * the data is opened here, as the next start would open it: every acknowledged create is present,
 * no data request is left claimed, and on the embedded engine PGlite's folder was shut down
 * cleanly (its control file says so), so opening it needs no crash recovery. Runs on the embedded
 * engine, or on PostgreSQL when DATABASE_URL is set.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { checks, freshTarget, prepare, sleep, startServer, timpLogin, type AppServer } from "./support";

const stops = Number(process.env.SIGTERM_STOPS ?? 20);
// From 3310: MySQL's and MariaDB's 3306 is taken on machines that run one (this one does).
const port = 3310 + Math.floor(Math.random() * 80);
const { check, finish } = checks("sigterm");

const target = await freshTarget();
await prepare(target);
// No pause for a load balancer here (operations.ts tests it); every other stop with no grace
// left, so the worker's claims are given back rather than finished.
const serverEnv = (stop: number) => ({ CREATE_LIMIT_PER_MINUTE: "1000000", SHUTDOWN_DELAY_SECONDS: "0", SHUTDOWN_GRACE_SECONDS: stop % 2 ? "0" : "10" });

/** PostgreSQL's pg_control state (the DBState enum after two header fields): 1 is "shut down". */
function embeddedShutDownCleanly(): boolean | null {
  if (target.engine !== "embedded") return null;
  const control = fs.readFileSync(path.join(target.env.DATA_DIR!, "pg", "global", "pg_control"));
  return control.readInt32LE(16) === 1;
}

let server: AppServer = await startServer(target, port, serverEnv(0));
const retailer = (await timpLogin(server.url, "alice@acme-retail.example")).token!;
const acknowledged: { id: string; supplier: string }[] = [];
let running = true;

async function writer(id: number) {
  for (let n = 1; running; n++) {
    const supplier = `Sigterm w${id}-${n}-${crypto.randomUUID()}`;
    try {
      const response = await fetch(`${server.url}/api/timp/organizations/connections/request/`, {
        method: "POST",
        headers: { authorization: `Token ${retailer}`, "content-type": "application/json" },
        body: JSON.stringify({ organization_name: supplier, primary_contact_name: "Sigterm Test", integrations: [{ type: "item", update_frequency: "0 * * * *" }] }),
      });
      if (response.status === 201) acknowledged.push({ id: ((await response.json()) as { request_uuid: string }).request_uuid, supplier });
    } catch {
      await sleep(50); // stopping or stopped: nothing was acknowledged
    }
  }
}

const writers = Array.from({ length: 4 }, (_, index) => writer(index));
for (let stop = 1; stop <= stops; stop++) {
  await sleep(300 + Math.random() * 1200);
  const exited = new Promise<number | null>((resolve) => server.process.once("exit", (code) => resolve(code)));
  const signalled = Date.now();
  server.process.kill("SIGTERM");
  const code = await exited;
  const stoppedMs = Date.now() - signalled;
  check(code === 0, `stop ${stop}: exit 0 after SIGTERM (got ${code})`);
  const clean = embeddedShutDownCleanly();
  check(clean !== false, `stop ${stop}: PGlite's folder was shut down cleanly, no crash recovery needed`);

  // Reopen the data as the next start will, and look at what the stopped server left.
  const database = target.open();
  try {
    await database.ready();
    const ids = acknowledged.map((entry) => entry.id);
    const present = await database.prisma.connectionRequest.findMany({ where: { id: { in: ids } }, select: { id: true, supplierName: true } });
    const byId = new Map(present.map((row) => [row.id, row.supplierName]));
    const missing = acknowledged.filter((entry) => byId.get(entry.id) !== entry.supplier);
    check(missing.length === 0, `stop ${stop}: every acknowledged create is there (${missing.length} of ${acknowledged.length} missing)`);
    const claimed = await database.prisma.dataRequest.count({ where: { status: "processing" } });
    check(claimed === 0, `stop ${stop}: no data request is left claimed by the stopped worker (${claimed})`);
    // Give a leftover back, as its lease running out would, so each stop is judged on its own.
    await database.prisma.dataRequest.updateMany({ where: { status: "processing" }, data: { status: "queued", lockedBy: null, lockedAt: null } });
    // Work for the next server's worker to have claimed when it is stopped.
    const alice = await database.prisma.user.findUniqueOrThrow({ where: { email: "alice@acme-retail.example" } });
    await database.prisma.dataRequest.createMany({ data: [0, 1].map(() => ({ userId: alice.id, dataTypes: ["profile", "activity"] })) });
  } catch (error) {
    check(false, `stop ${stop}: the database reopens (${(error as Error).message})`);
  } finally {
    await database.close();
  }
  server = await startServer(target, port, serverEnv(stop));
  process.stdout.write(`stop ${stop}/${stops} (${stoppedMs} ms) `);
}
running = false;
await Promise.all(writers);
console.log("");
console.log(`${target.engine}: ${acknowledged.length} acknowledged creates over ${stops} SIGTERMs`);
server.process.kill("SIGKILL");
await target.dispose();
process.exit(finish() && acknowledged.length > 0 ? 0 : 1);
