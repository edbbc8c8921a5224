/**
 * The server `npm start` runs (bundled by `npm run build` into .next/portal-server.mjs). It first
 * brings the database to the current schema (lib/db/prepare.ts); then, on PostgreSQL, runs
 * WEB_CONCURRENCY processes (default: the CPUs it may use) under Node's cluster module, and on the
 * embedded engine, which has one owner, one, which keeps the handle it migrated through. Each
 * process serves Next.js through lib/server/http-server.ts and stops in order on SIGTERM
 * (lib/server/lifecycle.ts).
 */
import cluster from "node:cluster";
import path from "node:path";
import next from "next";
import type { Database } from "../lib/db/connect";
import { DataDirInUseError } from "../lib/db/data-dir-lock";
import { announcePreparation, database } from "../lib/db/handle";
import { openDatabaseFromEnv } from "../lib/db/open-from-env";
import { prepareDatabase } from "../lib/db/prepare";
import { env, EnvError, isProductionDeployment, requireAppUrl } from "../lib/env";
import { logger } from "../lib/observability/logger";
import { collectProcessMetrics, localMetrics, metricsContentType } from "../lib/observability/metrics";
import { routePatternMatcher } from "../lib/observability/route-patterns";
import { connectionsPerProcess, describeCapacity, serverProcesses } from "../lib/server/capacity";
import { clusterMetricsFromPrimary, joinClusterMetrics, runPrimary } from "../lib/server/cluster";
import { createPortalServer, drainServer, metricsPath } from "../lib/server/http-server";
import { shutdown } from "../lib/server/lifecycle";

const dev = process.argv.includes("--dev");
const root = path.resolve(import.meta.dirname, "..");
const config = env();
const log = logger();
const graceMs = config.SHUTDOWN_GRACE_SECONDS * 1000;
const delayMs = config.SHUTDOWN_DELAY_SECONDS * 1000;

// npm start checks this before it migrates; a server started on its own checks it here.
try {
  requireAppUrl(config, isProductionDeployment());
} catch (error) {
  if (!(error instanceof EnvError)) throw error;
  log.fatal(error.message);
  process.exit(1);
}

const embedded = !config.DATABASE_URL;
if (embedded && !dev && (config.WEB_CONCURRENCY ?? 1) > 1) log.warn("WEB_CONCURRENCY is ignored on the embedded database: one process owns its folder");
const processes = serverProcesses({ dev, embedded, webConcurrency: config.WEB_CONCURRENCY });
// The count this instance resolved, for the processes it forks and the app's database pool
// (lib/db/open-from-env.ts), which each read their share of DATABASE_POOL_MAX from it.
process.env.WEB_CONCURRENCY = String(processes);
const connections = connectionsPerProcess(config.DATABASE_POOL_MAX, processes);

/** Serves once Next.js is ready and `databaseReady` (the preparation running beside it) is done. */
async function serve(databaseReady: Promise<void> = Promise.resolve()) {
  const app = next({ dev, dir: root, port: config.PORT });
  const handle = app.getRequestHandler();
  await Promise.all([app.prepare(), databaseReady]);
  collectProcessMetrics();
  if (cluster.isWorker) joinClusterMetrics();
  const server = createPortalServer({
    handle,
    routeOf: routePatternMatcher(root, [metricsPath]),
    metrics: async () => ({ contentType: metricsContentType, text: cluster.isWorker ? await clusterMetricsFromPrimary() : await localMetrics() }),
    metricsToken: config.METRICS_TOKEN,
  });
  // Next.js logs uncaught exceptions and carries on; a process that cannot listen (the port is
  // taken) must exit instead, so the cluster's primary or the orchestrator sees it.
  const cannotListen = (error: Error) => {
    log.fatal({ err: error, port: config.PORT }, "cannot listen");
    process.exit(1);
  };
  server.once("error", cannotListen);
  server.listen(config.PORT, () => {
    server.off("error", cannotListen);
    log.info({ port: config.PORT, mode: dev ? "dev" : "production", node: process.version, processes, connections }, "server listening");
  });

  let stopping = false;
  const stop = async (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal, delaySeconds: config.SHUTDOWN_DELAY_SECONDS, graceSeconds: config.SHUTDOWN_GRACE_SECONDS }, "stopping: not ready, then finishing requests in flight and the current job");
    await shutdown({ delayMs, drain: () => drainServer(server, graceMs) });
    log.info("stopped");
    process.exit(0);
  };
  process.on("SIGTERM", () => void stop("SIGTERM"));
  process.on("SIGINT", () => void stop("SIGINT"));
}

/** Migrations and reference data before any process serves; demo data into an empty database with SEED_DEMO. */
async function prepareData(open: () => Database, close: (handle: Database) => Promise<void>) {
  try {
    const handle = open();
    const { appliedMigrations, seeded, hasAdmin } = await prepareDatabase(handle, { seedDemo: config.SEED_DEMO }).finally(() => close(handle));
    if (appliedMigrations.length) log.info({ appliedMigrations }, "applied migrations");
    if (seeded) log.info("loaded demo data into the empty database");
    if (!hasAdmin) log.warn("no platform admin yet: create the first one with: npm run cli -- user:create --email you@example.com --password '…' --admin");
  } catch (error) {
    if (!(error instanceof DataDirInUseError)) throw error;
    log.fatal(error.message);
    process.exit(1);
  }
}

if (cluster.isPrimary) {
  log.info({ processes, connections }, `starting ${describeCapacity(processes, connections)}`);
  if (processes > 1) {
    await prepareData(() => openDatabaseFromEnv({ poolSize: 2 }), (own) => own.close());
    runPrimary(processes, delayMs + graceMs);
  } else {
    // The one process keeps the handle it migrated through (the embedded engine opens once), and
    // prepares it while Next.js prepares: the background jobs wait for it (databasePrepared).
    await serve(announcePreparation(prepareData(database, async () => undefined)));
  }
} else await serve();
