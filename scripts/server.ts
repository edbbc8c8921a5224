/**
 * The server `npm start` runs. On PostgreSQL it runs WEB_CONCURRENCY processes (default: one per
 * core) under Node's cluster module; on the embedded engine, which has one owner, one. Each
 * process serves Next.js through lib/server/http-server.ts and drains on SIGTERM.
 */
import cluster from "node:cluster";
import os from "node:os";
import path from "node:path";
import next from "next";
import { env } from "../lib/env";
import { logger } from "../lib/observability/logger";
import { collectProcessMetrics, localMetrics, metricsContentType } from "../lib/observability/metrics";
import { routePatternMatcher } from "../lib/observability/route-patterns";
import { clusterMetricsFromPrimary, joinClusterMetrics, runPrimary } from "../lib/server/cluster";
import { createPortalServer, drainServer, metricsPath } from "../lib/server/http-server";
import { markStopping, runShutdownHooks } from "../lib/server/lifecycle";

const dev = process.argv.includes("--dev");
const root = path.resolve(import.meta.dirname, "..");
const config = env();
const log = logger();
const graceMs = config.SHUTDOWN_GRACE_SECONDS * 1000;

function processCount(): number {
  if (dev) return 1;
  if (!config.DATABASE_URL) {
    if ((config.WEB_CONCURRENCY ?? 1) > 1) log.warn("WEB_CONCURRENCY is ignored on the embedded database: one process owns its folder");
    return 1;
  }
  return config.WEB_CONCURRENCY ?? os.availableParallelism();
}

async function serve() {
  const app = next({ dev, dir: root, port: config.PORT });
  const handle = app.getRequestHandler();
  await app.prepare();
  collectProcessMetrics();
  if (cluster.isWorker) joinClusterMetrics();
  const server = createPortalServer({
    handle,
    routeOf: routePatternMatcher(root, [metricsPath]),
    metrics: async () => ({ contentType: metricsContentType, text: cluster.isWorker ? await clusterMetricsFromPrimary() : await localMetrics() }),
    metricsToken: config.METRICS_TOKEN,
  });
  server.listen(config.PORT, () => log.info({ port: config.PORT, mode: dev ? "dev" : "production", node: process.version }, "server listening"));

  let stopping = false;
  const stop = async (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    markStopping();
    log.info({ signal, graceSeconds: config.SHUTDOWN_GRACE_SECONDS }, "stopping: finishing requests in flight and the current job");
    await Promise.all([drainServer(server, graceMs), runShutdownHooks()]);
    log.info("stopped");
    process.exit(0);
  };
  process.on("SIGTERM", () => void stop("SIGTERM"));
  process.on("SIGINT", () => void stop("SIGINT"));
}

const workers = processCount();
if (workers > 1 && cluster.isPrimary) runPrimary(workers, graceMs);
else await serve();
