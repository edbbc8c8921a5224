/**
 * Does building a data-request archive stall the instance that builds it? /api/health is loaded
 * with 10 connections twice: once idle, once while the in-process worker builds 50 MiB archives
 * back to back (five 10 MiB uploads of random bytes, so deflate has real work). Side by side in
 * one run; p99 is what a stalled event loop shows first.
 */
import crypto from "node:crypto";
import autocannon from "autocannon";
import pg from "pg";
import { killHard, startServer, type Target } from "../scripts/faults/support";

const uploadBytes = 10 * 1024 * 1024;
const uploads = 5;

export async function measureArchiveStall(target: Target, databaseUrl: string, userId: string, organizationId: string, port: number, seconds: number) {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const have = (await client.query(`SELECT count(*)::int AS n FROM "UploadedFile" WHERE "uploadedById" = $1 AND name LIKE 'bench-archive-%'`, [userId])).rows[0].n as number;
  for (let n = have; n < uploads; n++) {
    const content = crypto.randomBytes(uploadBytes);
    await client.query(
      `INSERT INTO "UploadedFile" (id, "organizationId", "uploadedById", name, "contentType", size, sha256, content, "createdAt")
       VALUES (gen_random_uuid(), $1, $2, $3, 'application/octet-stream', $4, $5, $6, now())`,
      [organizationId, userId, `bench-archive-${n}.bin`, uploadBytes, crypto.createHash("sha256").update(content).digest("hex"), content],
    );
  }
  // Each archive is about 50 MiB; keep the table from growing run after run.
  await client.query(`DELETE FROM "DataRequest" WHERE "userId" = $1`, [userId]);

  const app = await startServer(target, port, { WORKER_ENABLED: "1" });
  const health = () => autocannon({ url: `${app.url}/api/health`, connections: 10, duration: seconds });
  try {
    const idle = await health();
    // Keep the worker busy for the whole measurement: a queue of requests it builds one by one.
    const queued = Math.max(2, Math.ceil(seconds / 2));
    for (let n = 0; n < queued; n++) {
      await client.query(`INSERT INTO "DataRequest" (id, "userId", "dataTypes", status, "createdAt", "nextAttemptAt") VALUES (gen_random_uuid(), $1, '{uploaded_files}', 'queued', now(), now())`, [userId]);
    }
    await new Promise((resolve) => setTimeout(resolve, 2_500)); // the worker polls every 2 s
    const building = await health();
    const built = (await client.query(`SELECT count(*)::int AS n, coalesce(max(a.size), 0)::bigint AS size FROM "DataRequestArchive" a JOIN "DataRequest" r ON r.id = a."dataRequestId" WHERE r."userId" = $1`, [userId])).rows[0];
    return [
      { "/api/health under 10 connections": "idle", "req/s": Math.round(idle.requests.average), "p50 ms": idle.latency.p50, "p99 ms": idle.latency.p99, "max ms": idle.latency.max, archives: "" },
      {
        "/api/health under 10 connections": "while 50 MiB archives are built",
        "req/s": Math.round(building.requests.average),
        "p50 ms": building.latency.p50,
        "p99 ms": building.latency.p99,
        "max ms": building.latency.max,
        archives: `${built.n} built in ${seconds} s, ${(Number(built.size) / 1048576).toFixed(0)} MiB each`,
      },
    ];
  } finally {
    await killHard(app);
    await client.query(`DELETE FROM "DataRequest" WHERE "userId" = $1`, [userId]);
    await client.end();
  }
}
