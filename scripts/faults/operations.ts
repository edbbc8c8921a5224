/**
 * Running it as a service: request ids (kept from a trusted proxy) and one JSON log line per
 * request with no secret in it, /api/metrics behind METRICS_TOKEN, /api/ready, JSON 404s for
 * unknown /api paths, and SIGTERM: /api/ready turns 503 for SHUTDOWN_DELAY_SECONDS, requests in
 * flight finish, new connections are refused, the process exits 0. On PostgreSQL also:
 * WEB_CONCURRENCY processes that share the port, a killed one replaced, a crash loop given up on,
 * metrics summed across them, and the worker's job either finished within the grace period or
 * given back to the queue.
 */
import { spawn } from "node:child_process";
import crypto from "node:crypto";
import http from "node:http";
import net from "node:net";
import { serverArguments } from "../server-arguments";
import { authSecret, checks, freshTarget, prepare, root, sleep, startServer, timpLogin, type AppServer } from "./support";

const { check, finish } = checks("operations");
const target = await freshTarget();
await prepare(target);
const postgres = target.engine === "postgres";
let port = 3800 + Math.floor(Math.random() * 150);
const metricsToken = crypto.randomBytes(24).toString("hex");

const exitOf = (server: AppServer) => new Promise<number | null>((resolve) => server.process.once("exit", (code) => resolve(code)));
const logLines = (server: AppServer) => server.logs.flatMap((line) => (line.startsWith("{") ? [JSON.parse(line) as Record<string, unknown>] : []));
const metricsOf = async (server: AppServer) => (await fetch(`${server.url}/api/metrics`, { headers: { authorization: `Bearer ${metricsToken}` } })).text();
const counter = (text: string, route: string, status: number) =>
  Number(new RegExp(`^http_requests_total\\{method="GET",route="${route.replaceAll("/", "\\/")}",status="${status}"\\} (\\d+)`, "m").exec(text)?.[1] ?? 0);

/** A multipart upload whose body arrives in two halves, `pauseMs` apart: a slow request. */
function slowUpload(server: AppServer, token: string, pauseMs: number) {
  const boundary = `----slow${crypto.randomUUID()}`;
  const body = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="slow.csv"\r\nContent-Type: text/csv\r\n\r\n`),
    Buffer.from("sku,qty\n".repeat(20_000)),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  const half = Math.floor(body.length / 2);
  let sentFirstHalf: () => void;
  const firstHalfSent = new Promise<void>((resolve) => (sentFirstHalf = resolve));
  const answer = new Promise<{ status: number; body: string }>((resolve, reject) => {
    const request = http.request(
      `${server.url}/api/timp/organizations/files/upload/`,
      { method: "POST", headers: { authorization: `Token ${token}`, "content-type": `multipart/form-data; boundary=${boundary}`, "content-length": body.length } },
      (response) => {
        let text = "";
        response.on("data", (chunk: Buffer) => (text += chunk.toString()));
        response.on("end", () => resolve({ status: response.statusCode ?? 0, body: text }));
      },
    );
    request.on("error", reject);
    request.write(body.subarray(0, half), () => sentFirstHalf());
    setTimeout(() => request.end(body.subarray(half)), pauseMs);
  });
  return { firstHalfSent, answer };
}

function requestIdOnNewConnection(url: string): Promise<string> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { agent: false }, (response) => {
        response.resume();
        response.on("end", () => resolve(String(response.headers["x-request-id"])));
      })
      .on("error", reject);
  });
}

async function refusesNewConnections(server: AppServer) {
  try {
    await fetch(`${server.url}/api/health`, { signal: AbortSignal.timeout(2_000) });
    return false;
  } catch {
    return true;
  }
}

// --- Request ids, logs, metrics, readiness (one process) ---
{
  // This script is the load balancer in front: on loopback, a trusted proxy.
  const server = await startServer(target, port++, { METRICS_TOKEN: metricsToken, TRUSTED_PROXIES: "loopback" });
  try {
    const fresh = await fetch(`${server.url}/api/health`);
    check(/^[0-9a-f-]{36}$/.test(fresh.headers.get("x-request-id") ?? ""), "every response carries an X-Request-Id");
    const kept = await fetch(`${server.url}/api/health`, { headers: { "x-request-id": "lb-7f3a9c21-trace" } });
    check(kept.headers.get("x-request-id") === "lb-7f3a9c21-trace", "a well-formed X-Request-Id from a trusted proxy is kept");
    const malformed = "<script>alert(1)</script> and more";
    const replaced = await fetch(`${server.url}/api/health`, { headers: { "x-request-id": malformed } });
    check(/^[0-9a-f-]{36}$/.test(replaced.headers.get("x-request-id") ?? ""), "a malformed one is replaced by a fresh id");

    // Secrets in every place a request can carry them: none may reach the log.
    const secrets = { password: `pw-${crypto.randomUUID()}`, token: `tok-${crypto.randomUUID()}`, cookie: `ck-${crypto.randomUUID()}`, query: `q-${crypto.randomUUID()}` };
    await timpLogin(server.url, "alice@acme-retail.example", secrets.password);
    await fetch(`${server.url}/api/timp/organizations/connections/request/?token=${secrets.query}`, { headers: { authorization: `Token ${secrets.token}`, cookie: `next-auth.session-token=${secrets.cookie}` } });
    const { token } = await timpLogin(server.url, "alice@acme-retail.example");
    const listed = await fetch(`${server.url}/api/timp/organizations/connections/request/${crypto.randomUUID()}/`, { headers: { authorization: `Token ${token}` } });
    await sleep(200);
    const lines = logLines(server).filter((line) => line.msg === "request");
    const detail = lines.find((line) => line.requestId === listed.headers.get("x-request-id"));
    check(
      detail?.route === "/api/timp/organizations/connections/request/[uuid]" && detail.status === 404 && detail.method === "GET" && typeof detail.durationMs === "number" && typeof detail.instance === "string" && typeof detail.time === "string",
      `one JSON line per request: time, request id, method, route pattern, status, duration, instance (${JSON.stringify(detail)})`,
    );
    const everything = server.logs.join("\n");
    check(!Object.values(secrets).some((secret) => everything.includes(secret)) && !everything.includes(token!), "no password, token, cookie or query value in the logs");

    check((await fetch(`${server.url}/api/metrics`)).status === 401, "/api/metrics without the token: 401");
    const metrics = await metricsOf(server);
    check(counter(metrics, "/api/health", 200) >= 3 && /^http_request_duration_seconds_bucket\{/m.test(metrics), "/api/metrics counts requests by route and status, with a latency histogram");
    check(/^data_request_queue_depth\{state="queued"\} \d+/m.test(metrics) && /^process_resident_memory_bytes \d+/m.test(metrics), "…the worker's queue depth and process metrics");

    const ready = await fetch(`${server.url}/api/ready`);
    check(ready.status === 200 && ((await ready.json()) as { status: string }).status === "ready", "/api/ready: 200 when the database answers and every migration is applied");

    // Unknown paths under /api: a JSON 404 in the family's format, never the portal's HTML page.
    const unknownTimp = await fetch(`${server.url}/api/timp/organizations/connections/${crypto.randomUUID()}/anything/`, { method: "POST", headers: { authorization: `Token ${token}` } });
    check(unknownTimp.status === 404 && JSON.stringify(await unknownTimp.json()) === '{"detail":"Not found."}', "an unknown /api/timp path: 404 {\"detail\": \"Not found.\"}");
    const unknownApi = await fetch(`${server.url}/api/no/such/thing`, { method: "DELETE" });
    check(unknownApi.status === 404 && ((await unknownApi.json()) as { message?: string }).message === "Not found.", "an unknown /api path: a JSON 404");
    const real = await Promise.all([
      fetch(`${server.url}/api/auth/csrf`).then((r) => r.status),
      fetch(`${server.url}/api/openapi.json`).then((r) => r.status),
      fetch(`${server.url}/api/timp/organizations/connections/request/`, { headers: { authorization: `Token ${token}` } }).then((r) => r.status),
    ]);
    check(real.every((status) => status === 200), `the catch-alls shadow no real route (${real.join(",")})`);

    // SIGTERM while an upload is half sent: it completes, nothing new is accepted, exit 0.
    const upload = slowUpload(server, token!, 1_500);
    await upload.firstHalfSent;
    await sleep(100);
    const exited = exitOf(server);
    server.process.kill("SIGTERM");
    await sleep(300);
    check(await refusesNewConnections(server), "after SIGTERM, new connections are refused");
    const answer = await upload.answer;
    check(answer.status === 201 && typeof JSON.parse(answer.body).uuid === "string", `the upload in flight at SIGTERM still completes (${answer.status})`);
    check((await exited) === 0, "then the process exits 0");
    check(logLines(server).some((line) => line.msg === "stopped"), "and says so in its log");
  } finally {
    server.process.kill("SIGKILL");
  }
}

// --- SHUTDOWN_DELAY_SECONDS: not ready first, so a load balancer stops sending, then the listener closes ---
{
  const server = await startServer(target, port++, { SHUTDOWN_DELAY_SECONDS: "3" });
  try {
    const exited = exitOf(server);
    server.process.kill("SIGTERM");
    await sleep(500);
    const ready = await fetch(`${server.url}/api/ready`);
    const body = await ready.text();
    check(ready.status === 503 && body === '{"status":"not_ready","ready":false,"reason":"stopping"}', `after SIGTERM, within the delay: /api/ready 503, a generic reason (${ready.status} ${body})`);
    check((await fetch(`${server.url}/api/health`)).status === 200, "…while the listener still serves");
    await sleep(3_000);
    check(await refusesNewConnections(server), "after the delay, new connections are refused");
    check((await exited) === 0, "then exit 0");
  } finally {
    server.process.kill("SIGKILL");
  }
}

if (postgres) {
  // --- A cluster whose processes keep dying gives up, so the orchestrator sees it ---
  {
    const busyPort = port++;
    // Someone else holds the port: every server process dies at listen.
    const squatter = net.createServer().listen(busyPort);
    await new Promise((resolve) => squatter.once("listening", resolve));
    const child = spawn(process.execPath, serverArguments(root), {
      cwd: root,
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, ...target.env, WEB_CONCURRENCY: "2", PORT: String(busyPort), AUTH_SECRET: authSecret, APP_URL: `http://localhost:${busyPort}`, NODE_ENV: "production" },
    });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.resume();
    const code = await Promise.race([new Promise<number | null>((resolve) => child.once("exit", (c) => resolve(c))), sleep(90_000).then(() => "timeout" as const)]);
    child.kill("SIGKILL");
    squatter.close();
    check(code === 1 && /giving up: \d+ server processes died within 60 s/.test(output), `a crash loop: the primary gives up, says why, and exits 1 (exit ${code})`);
  }

  // --- A cluster of two processes on one port ---
  const server = await startServer(target, port++, { WEB_CONCURRENCY: "2", METRICS_TOKEN: metricsToken });
  try {
    // A new connection each time: the primary hands connections, not requests, to the processes.
    const instances = new Set<string>();
    for (let attempt = 0; attempt < 40 && instances.size < 2; attempt++) {
      const id = await requestIdOnNewConnection(`${server.url}/api/health`);
      await sleep(20);
      const line = logLines(server).find((entry) => entry.requestId === id);
      if (line) instances.add(String(line.instance));
    }
    check(instances.size === 2, `WEB_CONCURRENCY=2: two processes answer on one port (${[...instances].join(", ")})`);
    await sleep(500); // the requests above are all counted by now
    const before = counter(await metricsOf(server), "/api/health", 200);
    for (let n = 0; n < 20; n++) await fetch(`${server.url}/api/health`);
    // A request is counted once its response has finished, which can come just after the client
    // read it: the sum is read again for a moment until it settles.
    let after = counter(await metricsOf(server), "/api/health", 200);
    for (let attempt = 0; attempt < 20 && after - before < 20; attempt++) {
      await sleep(100);
      after = counter(await metricsOf(server), "/api/health", 200);
    }
    check(after - before === 20, `metrics are summed across the processes (${after - before} of 20 counted)`);

    const victim = Number(String([...instances][0]).split("/").pop());
    process.kill(victim, "SIGKILL");
    let replaced = false;
    for (let attempt = 0; attempt < 120 && !replaced; attempt++) {
      await sleep(250);
      replaced = logLines(server).some((line) => line.msg === "server listening" && !String(line.instance).endsWith(`/${victim}`) && !instances.has(String(line.instance)));
    }
    const stillServing = (await Promise.all(Array.from({ length: 10 }, () => fetch(`${server.url}/api/health`).then((r) => r.status)))).every((s) => s === 200);
    check(replaced && stillServing, "a killed process is replaced, and the port keeps answering meanwhile");
    const exited = exitOf(server);
    server.process.kill("SIGTERM");
    check((await exited) === 0, "SIGTERM to the cluster: every process drains, exit 0");
  } finally {
    server.process.kill("SIGKILL");
  }

  // --- The worker's job at SIGTERM: finished within the grace period, or given back ---
  {
    const database = target.open();
    const prisma = database.prisma;
    const alice = await prisma.user.findUniqueOrThrow({ where: { email: "alice@acme-retail.example" } });
    const size = 10 * 1024 * 1024;
    for (let n = 0; n < 6; n++) {
      const content = crypto.randomBytes(size);
      await prisma.uploadedFile.create({
        data: { organizationId: alice.organizationId!, uploadedById: alice.id, name: `big-${n}.bin`, contentType: "application/octet-stream", size, sha256: crypto.createHash("sha256").update(content).digest("hex"), content },
      });
    }
    const scenario = async (graceSeconds: string) => {
      const request = await prisma.dataRequest.create({ data: { userId: alice.id, dataTypes: ["uploaded_files"], status: "queued" } });
      const server = await startServer(target, port++, { SHUTDOWN_GRACE_SECONDS: graceSeconds });
      try {
        let processing = false;
        for (let attempt = 0; attempt < 200 && !processing; attempt++) {
          processing = (await prisma.dataRequest.findUniqueOrThrow({ where: { id: request.id } })).status === "processing";
          if (!processing) await sleep(25);
        }
        const exited = exitOf(server);
        server.process.kill("SIGTERM");
        const code = await exited;
        return { processing, code, row: await prisma.dataRequest.findUniqueOrThrow({ where: { id: request.id } }) };
      } finally {
        server.process.kill("SIGKILL");
      }
    };
    const finished = await scenario("60");
    check(finished.processing && finished.code === 0 && finished.row.status === "completed", `SIGTERM during a job, with time to spare: the job completes, then exit 0 (${finished.row.status}, exit ${finished.code})`);
    const released = await scenario("0");
    check(
      released.processing && released.code === 0 && released.row.status === "queued" && released.row.lockedBy === null && released.row.attempts === 0,
      `with no grace left: the job goes back to the queue unclaimed, its attempt not counted, exit 0 (${released.row.status}, attempts ${released.row.attempts}, exit ${released.code})`,
    );
    await database.close();
  }
} else {
  console.log("operations: the cluster and the worker's shutdown need DATABASE_URL (a PostgreSQL server); the embedded engine is one process by design.");
}

await target.dispose();
process.exit(finish() ? 0 : 1);
