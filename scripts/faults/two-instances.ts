/**
 * Two app instances on one PostgreSQL behave as one: a session made on one works on the other,
 * TIMP tokens too, rate limits and idempotency keys are shared, and the data-request workers of
 * both never process a request twice. Then the database goes away under load (a proxy between
 * the app and PostgreSQL is cut): 503s, and recovery without restarting the app.
 */
import crypto from "node:crypto";
import { startTcpProxy } from "../../tests/support/tcp-proxy";
import { browserSignIn, checks, freshTarget, killHard, prepare, sleep, startServer, timpLogin, type AppServer } from "./support";

if (!process.env.DATABASE_URL) {
  console.log("two-instances: needs DATABASE_URL (a PostgreSQL server); the embedded engine is one process by design.");
  process.exit(0);
}

const { check, finish } = checks("instances");
const target = await freshTarget();
await prepare(target);
const base = 3600 + Math.floor(Math.random() * 200);
const [a, b] = await Promise.all([startServer(target, base), startServer(target, base + 1)]);
const servers: AppServer[] = [a, b];

try {
  const session = await browserSignIn(a.url, "alice@acme-retail.example");
  check(Boolean(session), "signed in on instance A");
  const onB = await fetch(`${b.url}/api/timp/organizations/connections/request/`, { headers: { cookie: session! } });
  check(onB.status === 200, `A's session works on B (got ${onB.status})`);

  const { token } = await timpLogin(a.url, "bob@northwind.example");
  const tokenOnB = await fetch(`${b.url}/api/timp/organizations/connections/`, { headers: { authorization: `Token ${token}` } });
  check(tokenOnB.status === 200, "a Token from A works on B");

  const statuses: number[] = [];
  for (let attempt = 0; attempt < 12; attempt++) {
    statuses.push((await timpLogin(servers[attempt % 2]!.url, "sam@globex-supply.example", "wrong password")).status);
  }
  // Five tries at one account from one address (lib/rate-limit.ts), counted across both instances:
  // apart, the two would have allowed ten.
  check(statuses.slice(0, 5).every((s) => s === 401) && statuses.slice(5).every((s) => s === 429), `the per-account limit is shared (${statuses.join(",")})`);

  const key = crypto.randomUUID();
  const create = (server: AppServer) =>
    fetch(`${server.url}/api/timp/organizations/connections/request/`, {
      method: "POST",
      headers: { authorization: `Token ${token}`, "content-type": "application/json", "idempotency-key": key },
      body: JSON.stringify({ organization_name: `Twin ${key}`, primary_contact_name: "T" }),
    }).then(async (response) => ({ status: response.status, body: (await response.json()) as { request_uuid?: string } }));
  const [first, second] = await Promise.all([create(a), create(b)]);
  check(first.status === 201 && second.status === 201 && first.body.request_uuid === second.body.request_uuid, "one Idempotency-Key on both instances: one request");

  const database = target.open();
  const people = await database.prisma.user.findMany({ select: { id: true } });
  const ids: string[] = [];
  for (let index = 0; index < 24; index++) {
    const row = await database.prisma.dataRequest.create({ data: { userId: people[index % people.length]!.id, dataTypes: ["profile", "activity"] } });
    ids.push(row.id);
  }
  let done = 0;
  for (let wait = 0; wait < 120 && done < ids.length; wait++) {
    await sleep(500);
    done = await database.prisma.dataRequest.count({ where: { id: { in: ids }, status: "completed" } });
  }
  const rows = await database.prisma.dataRequest.findMany({ where: { id: { in: ids } }, select: { attempts: true, status: true } });
  check(done === ids.length, `both workers completed all ${ids.length} requests (${done})`);
  check(rows.every((row) => row.attempts === 1), "no request was processed twice");
  check((await database.prisma.dataRequestArchive.count({ where: { dataRequestId: { in: ids } } })) === ids.length, "one archive per request");
  await database.close();

  // The database going away under load: an instance connected through a proxy we can cut.
  const server = new URL(target.env.DATABASE_URL!);
  const proxy = await startTcpProxy({ host: server.hostname, port: Number(server.port || 5432) });
  const viaProxy = new URL(target.env.DATABASE_URL!);
  viaProxy.host = `127.0.0.1:${proxy.port}`;
  const c = await startServer({ ...target, env: { DATABASE_URL: viaProxy.toString() } }, base + 2);
  servers.push(c);
  const load = async () => (await fetch(`${c.url}/api/timp/organizations/connections/`, { headers: { authorization: `Token ${token}` } })).status;
  check((await load()) === 200, "healthy through the proxy");
  await proxy.cut();
  const down = await Promise.all([load(), load(), fetch(`${c.url}/api/health`).then((r) => r.status)]);
  check(down.every((status) => status === 503), `503 while the database is away (${down.join(",")})`);
  await proxy.restore();
  let recovered = 0;
  for (let attempt = 0; attempt < 40 && recovered !== 200; attempt++) {
    await sleep(250);
    recovered = await load();
  }
  check(recovered === 200, "recovered without a restart");
  await proxy.close();
} finally {
  for (const server of servers) await killHard(server);
  await target.dispose();
}
process.exit(finish() ? 0 : 1);
