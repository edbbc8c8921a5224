/**
 * Crash test: a write load (creates, uploads, approvals) runs against the app while it is killed
 * with SIGKILL at random moments, at least 20 times, and restarted. Every acknowledged write is
 * appended to an fsync'd log before it counts; at the end each one must be present and unaltered,
 * with no duplicates, with its events in its history, and each event delivered to a webhook
 * receiver (kills land between state changes and their delivery too). Runs on the embedded
 * engine, or on PostgreSQL when DATABASE_URL is set.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { startWebhookReceiver } from "../../tests/support/webhook-receiver";
import { checks, freshTarget, killHard, prepare, sleep, startServer, timpLogin, type AppServer } from "./support";

const kills = Number(process.env.CRASH_KILLS ?? 20);
const port = 3400 + Math.floor(Math.random() * 200);

type Acknowledged =
  | { kind: "create"; key: string; id: string; supplier: string }
  | { kind: "upload"; key: string; id: string; sha256: string }
  | { kind: "approve"; id: string };

const logPath = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "crash-log-")), "acknowledged.jsonl");
const logFd = fs.openSync(logPath, "a");
function acknowledge(entry: Acknowledged) {
  fs.writeSync(logFd, `${JSON.stringify(entry)}\n`);
  fs.fsyncSync(logFd);
}

const target = await freshTarget();
await prepare(target);
// The per-person create limit would throttle the load; the point here is durability. The webhook
// receiver listens on loopback, which only a private deployment may target.
const serverEnv = { CREATE_LIMIT_PER_MINUTE: "1000000", WEBHOOK_ALLOW_PRIVATE_NETWORKS: "1" };
let server: AppServer = await startServer(target, port, serverEnv);
const retailer = (await timpLogin(server.url, "alice@acme-retail.example")).token!;
const admin = (await timpLogin(server.url, "admin@example.com")).token!;
const auth = (token: string) => ({ authorization: `Token ${token}` });
let webhookSecret = "";
const receiver = await startWebhookReceiver(() => webhookSecret);
const endpoint = await fetch(`${server.url}/api/webhooks`, {
  method: "POST",
  headers: { ...auth(admin), "content-type": "application/json" },
  body: JSON.stringify({ url: receiver.url, events: ["connection_request.submitted", "connection_request.approved"] }),
});
webhookSecret = ((await endpoint.json()) as { secret: string }).secret;
const pendingApprovals: string[] = [];
let running = true;

async function writer(id: number) {
  let n = 0;
  while (running) {
    n++;
    const key = `w${id}-${n}-${crypto.randomUUID()}`;
    try {
      if (n % 3 === 0) {
        const bytes = crypto.randomBytes(256 + n);
        const form = new FormData();
        form.append("file", new Blob([bytes]), `sample-${key}.bin`);
        const response = await fetch(`${server.url}/api/timp/organizations/files/upload/`, { method: "POST", headers: { ...auth(retailer), "idempotency-key": key }, body: form });
        if (response.status === 201) {
          acknowledge({ kind: "upload", key, id: ((await response.json()) as { uuid: string }).uuid, sha256: crypto.createHash("sha256").update(bytes).digest("hex") });
        }
      } else if (n % 5 === 0 && pendingApprovals.length) {
        const requestId = pendingApprovals.shift()!;
        const response = await fetch(`${server.url}/api/timp/organizations/connections/request/${requestId}/approve/`, { method: "POST", headers: auth(admin) });
        if (response.status === 204) acknowledge({ kind: "approve", id: requestId });
      } else {
        const supplier = `Crash ${key}`;
        const response = await fetch(`${server.url}/api/timp/organizations/connections/request/`, {
          method: "POST",
          headers: { ...auth(retailer), "content-type": "application/json", "idempotency-key": key },
          body: JSON.stringify({ organization_name: supplier, primary_contact_name: "Crash Test", integrations: [{ type: "item", update_frequency: "0 * * * *" }] }),
        });
        if (response.status === 201) {
          const { request_uuid } = (await response.json()) as { request_uuid: string };
          acknowledge({ kind: "create", key, id: request_uuid, supplier });
          pendingApprovals.push(request_uuid);
        }
      }
    } catch {
      await sleep(50); // the server is down: nothing was acknowledged
    }
  }
}

const writers = Array.from({ length: 4 }, (_, index) => writer(index));
for (let kill = 1; kill <= kills; kill++) {
  await sleep(300 + Math.random() * 1500);
  await killHard(server);
  server = await startServer(target, port, serverEnv);
  process.stdout.write(`kill ${kill}/${kills} `);
}
running = false;
await Promise.all(writers);
console.log("");

// Verification, against the restarted app.
const entries = fs.readFileSync(logPath, "utf8").trim().split("\n").filter(Boolean).map((line) => JSON.parse(line) as Acknowledged);
const { check, finish } = checks("crash");
const approved = new Set(entries.filter((entry) => entry.kind === "approve").map((entry) => entry.id));
// Every acknowledged change's event reaches the receiver once the outbox has drained.
const expected = entries.flatMap((entry) =>
  entry.kind === "create" ? [`connection_request.submitted ${entry.id}`] : entry.kind === "approve" ? [`connection_request.approved ${entry.id}`] : [],
);
const delivered = () => new Set(receiver.received.filter((hit) => hit.verified).map((hit) => `${hit.body.type} ${String(hit.body.data.record_uuid)}`));
for (let waited = 0; waited < 200_000 && expected.some((key) => !delivered().has(key)); waited += 500) await sleep(500);
for (const entry of entries) {
  if (entry.kind === "create") {
    const response = await fetch(`${server.url}/api/timp/organizations/connections/request/${entry.id}/`, { headers: auth(retailer) });
    const body = response.ok ? ((await response.json()) as { org_name: string; status: string; integrations: unknown[] }) : null;
    check(body?.org_name === entry.supplier && body.integrations.length === 1, `create ${entry.id} present and unaltered`);
    if (approved.has(entry.id)) check(body?.status === "approved", `approval of ${entry.id} kept`);
    const search = (await (await fetch(`${server.url}/api/timp/organizations/connections/request/?q=${encodeURIComponent(entry.supplier)}`, { headers: auth(retailer) })).json()) as { pagination: { total_count: number } };
    check(search.pagination.total_count === 1, `create ${entry.key} not duplicated`);
    const history = (await (await fetch(`${server.url}/api/timp/organizations/connections/request/${entry.id}/history/`, { headers: auth(retailer) })).json()) as { history: { event: string }[] };
    const events = history.history.map((item) => item.event);
    check(events[0] === "submitted" && events.filter((event) => event === "submitted").length === 1, `create ${entry.id} has one submission event`);
    if (approved.has(entry.id)) check(events.includes("approved"), `approval of ${entry.id} in its history`);
  } else if (entry.kind === "upload") {
    const response = await fetch(`${server.url}/api/timp/organizations/files/${entry.id}/`, { headers: auth(retailer) });
    const sha = response.ok ? crypto.createHash("sha256").update(Buffer.from(await response.arrayBuffer())).digest("hex") : null;
    check(sha === entry.sha256, `upload ${entry.id} present and unaltered`);
  }
}
for (const key of expected) check(delivered().has(key), `${key} delivered to the webhook receiver`);
console.log(`${target.engine}: ${entries.length} acknowledged writes over ${kills} kills, ${receiver.received.length} webhook deliveries for ${expected.length} events (log: ${logPath})`);
await receiver.close();
await killHard(server);
await target.dispose();
process.exit(finish() && entries.length > 0 ? 0 : 1);
