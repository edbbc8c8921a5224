import client from "prom-client";

/**
 * Prometheus metrics (prom-client's default registry). Defined once per process whichever copy
 * of this file asks first: the server script and the Next.js bundle each load it, and prom-client
 * itself is loaded once (next.config.mjs keeps it external).
 */
function metric<T extends client.Metric>(name: string, create: () => T): T {
  return (client.register.getSingleMetric(name) as T | undefined) ?? create();
}

export const httpRequests = () =>
  metric("http_requests_total", () => new client.Counter({ name: "http_requests_total", help: "HTTP requests answered, by route pattern and status.", labelNames: ["method", "route", "status"] }));

export const httpDuration = () =>
  metric(
    "http_request_duration_seconds",
    () =>
      new client.Histogram({
        name: "http_request_duration_seconds",
        help: "Time from the request's arrival to the end of its response, by route pattern.",
        labelNames: ["method", "route"],
        buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      }),
  );

export const jobDuration = () =>
  metric(
    "data_request_job_duration_seconds",
    () => new client.Histogram({ name: "data_request_job_duration_seconds", help: "Building one data-request archive, by outcome.", labelNames: ["outcome"], buckets: [0.1, 0.5, 1, 2.5, 5, 10, 30, 60, 120] }),
  );

export const deliveries = () =>
  metric(
    "deliveries_total",
    () => new client.Counter({ name: "deliveries_total", help: "E-mail and webhook delivery attempts, by outcome (sent, retry, failed).", labelNames: ["channel", "outcome"] }),
  );

/**
 * The data-request queue's depth, read from the database when scraped. Every process would read
 * the same rows, so across the cluster the largest answer is kept rather than their sum.
 */
export function registerQueueDepth(read: () => Promise<{ queued: number; processing: number }>) {
  metric(
    "data_request_queue_depth",
    () =>
      new client.Gauge({
        name: "data_request_queue_depth",
        help: "Data requests waiting (queued) and being built (processing).",
        labelNames: ["state"],
        aggregator: "max",
        async collect() {
          const depth = await read().catch(() => null);
          if (!depth) return;
          this.set({ state: "queued" }, depth.queued);
          this.set({ state: "processing" }, depth.processing);
        },
      }),
  );
}

let defaultsCollected = false;
/** Node's process metrics (CPU, memory, event-loop lag, GC), once per process. */
export function collectProcessMetrics() {
  if (defaultsCollected || client.register.getSingleMetric("process_cpu_user_seconds_total")) return;
  defaultsCollected = true;
  client.collectDefaultMetrics();
}

export const metricsContentType = client.register.contentType;
export const localMetrics = () => client.register.metrics();
