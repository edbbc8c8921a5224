import cluster, { type Worker } from "node:cluster";
import client from "prom-client";
import { logger } from "../observability/logger";

const metricsRequest = "crux-portal:metrics";
const metricsReply = "crux-portal:metrics-reply";

/** Worker deaths that make the primary give up: `deaths` within `windowMs`. */
export const crashLoopPolicy = { deaths: 5, windowMs: 60_000 };

/**
 * Whether the deaths so far (their times, oldest first) are a crash loop. Replacing processes
 * forever would hide a broken release or a missing database behind a port that never answers;
 * exiting lets the orchestrator see the failure, restart with back-off, or roll back.
 */
export function isCrashLoop(deathTimes: readonly number[], now: number, policy = crashLoopPolicy): boolean {
  return deathTimes.filter((time) => now - time < policy.windowMs).length >= policy.deaths;
}

/**
 * The primary of `WEB_CONCURRENCY` server processes (Node's cluster module: they share the
 * listening socket). It replaces a process that dies, with a growing pause if they keep dying
 * at start, and gives up (exit 1) on a crash loop; answers the workers' requests for the
 * cluster's metrics (prom-client's aggregator); and on SIGTERM or SIGINT passes the signal on and
 * exits once every worker has drained. `stopMs`: how long a worker may take to stop.
 */
export function runPrimary(workers: number, stopMs: number, policy = crashLoopPolicy) {
  const log = logger().child({ component: "cluster" });
  const aggregator = new client.AggregatorRegistry();
  let stopping = false;
  let quickDeaths = 0;
  let deathTimes: number[] = [];
  const startedAt = new Map<number, number>();

  const fork = () => {
    const worker = cluster.fork();
    startedAt.set(worker.id, Date.now());
  };
  for (let index = 0; index < workers; index++) fork();
  log.info({ workers }, "cluster started");

  cluster.on("exit", (worker, code, signal) => {
    if (stopping) return;
    const now = Date.now();
    deathTimes = [...deathTimes.filter((time) => now - time < policy.windowMs), now];
    if (isCrashLoop(deathTimes, now, policy)) {
      stopping = true;
      log.fatal(
        { worker: worker.process.pid, code, signal, deaths: deathTimes.length, windowSeconds: policy.windowMs / 1000 },
        `giving up: ${deathTimes.length} server processes died within ${policy.windowMs / 1000} s (a crash loop); exiting so the orchestrator sees it`,
      );
      for (const other of Object.values(cluster.workers ?? {})) other?.process.kill("SIGKILL");
      // Let the log line reach stdout before the exit.
      setTimeout(() => process.exit(1), 100);
      return;
    }
    const lived = now - (startedAt.get(worker.id) ?? 0);
    quickDeaths = lived < 10_000 ? quickDeaths + 1 : 0;
    const pauseMs = Math.min(30_000, 500 * 2 ** Math.min(quickDeaths, 6));
    log.error({ worker: worker.process.pid, code, signal, pauseMs }, "server process died; starting another");
    // Not unref'd: with every process dead at once, this timer is all that keeps the primary alive.
    setTimeout(() => !stopping && fork(), pauseMs);
  });

  cluster.on("message", (worker: Worker, message: { type?: string; id?: string }) => {
    if (message?.type !== metricsRequest) return;
    aggregator
      .clusterMetrics()
      .then((text) => worker.send({ type: metricsReply, id: message.id, text }))
      .catch((error: Error) => worker.send({ type: metricsReply, id: message.id, error: error.message }));
  });

  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, "stopping: draining every server process");
    const alive = Object.values(cluster.workers ?? {}).filter((worker): worker is Worker => Boolean(worker));
    let failed = false;
    let left = alive.length;
    if (left === 0) process.exit(0);
    for (const worker of alive) {
      worker.once("exit", (code) => {
        failed ||= code !== 0;
        if (--left === 0) process.exit(failed ? 1 : 0);
      });
      worker.process.kill(signal);
    }
    // A worker that outlives its own grace period (plus a margin) is stopped hard.
    setTimeout(() => {
      for (const worker of alive) if (!worker.isDead()) worker.process.kill("SIGKILL");
    }, stopMs + 5_000).unref();
  };
  process.on("SIGTERM", () => stop("SIGTERM"));
  process.on("SIGINT", () => stop("SIGINT"));
}

/** In a worker: the whole cluster's metrics, aggregated by the primary. */
export function clusterMetricsFromPrimary(): Promise<string> {
  // Constructing one makes prom-client answer the primary's requests for this worker's metrics.
  workerAggregator ??= new client.AggregatorRegistry();
  const id = `${process.pid}-${++requestCount}`;
  return new Promise((resolve, reject) => {
    const timeout = setTimeout(() => finish(new Error("The cluster's primary did not answer with metrics.")), 5_000);
    const onMessage = (message: { type?: string; id?: string; text?: string; error?: string }) => {
      if (message?.type === metricsReply && message.id === id) finish(message.error ? new Error(message.error) : null, message.text);
    };
    const finish = (error: Error | null, text?: string) => {
      clearTimeout(timeout);
      process.off("message", onMessage);
      if (error) reject(error);
      else resolve(text ?? "");
    };
    process.on("message", onMessage);
    process.send!({ type: metricsRequest, id });
  });
}

let workerAggregator: client.AggregatorRegistry<client.RegistryContentType> | undefined;
let requestCount = 0;

/** Sets the worker up to answer the primary's metric requests from its first moment. */
export function joinClusterMetrics() {
  workerAggregator ??= new client.AggregatorRegistry();
}
