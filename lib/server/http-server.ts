import crypto from "node:crypto";
import http from "node:http";
import { peerIsTrustedProxy, stampClientAddress } from "../http/client-address";
import { getBodyPaths, mergeGetBody } from "../http/get-body";
import { maxHeaderBytes, maxJsonBytes } from "../http/body";
import { apiContentSecurityPolicy, securityHeaders } from "../http/security-headers.mjs";
import type { TrustedProxies } from "../http/trusted-proxies";
import { logger } from "../observability/logger";
import { httpDuration, httpRequests } from "../observability/metrics";

type Handle = (request: http.IncomingMessage, response: http.ServerResponse) => Promise<void>;

export interface PortalServerOptions {
  /** Next.js's request handler. */
  handle: Handle;
  /** `/api/requests/[requestId]` for a path: the label of logs and metrics. */
  routeOf: (pathname: string) => string;
  /** The text of /api/metrics (this process's, or the cluster's). */
  metrics: () => Promise<{ contentType: string; text: string }>;
  metricsToken: string | undefined;
  /** Which peers are proxies (TRUSTED_PROXIES when not given). */
  trust?: TrustedProxies;
}

/** Served by this server itself rather than a Next.js route: it must read the cluster's primary. */
export const metricsPath = "/api/metrics";

/** An incoming X-Request-Id from a trusted proxy is kept when it looks like an id; anything else gets a fresh one. */
const wellFormedRequestId = /^[A-Za-z0-9._:-]{8,128}$/;

/**
 * The HTTP server every instance runs: Next.js's handler, plus what Next.js cannot do itself:
 * a request id on every request and response, one JSON log line and the metrics per request,
 * /api/metrics, and JSON bodies of TIMP GET requests (lib/http/get-body.ts).
 */
export function createPortalServer(options: PortalServerOptions): http.Server {
  const log = logger();
  return http.createServer({ maxHeaderSize: maxHeaderBytes }, async (request, response) => {
    const started = performance.now();
    const incoming = request.headers["x-request-id"];
    const fromProxy = typeof incoming === "string" && wellFormedRequestId.test(incoming) && peerIsTrustedProxy(request, options.trust);
    const requestId = fromProxy ? incoming : crypto.randomUUID();
    // Route handlers read it from here to name it in 5xx bodies; clients and proxies from the answer.
    request.headers["x-request-id"] = requestId;
    response.setHeader("X-Request-Id", requestId);
    const pathname = (request.url ?? "/").split("?")[0]!;
    response.once("close", () => {
      // The path without its query: query strings can carry tokens (e-mail links, OAuth codes).
      const route = options.routeOf(pathname);
      const status = response.writableFinished ? response.statusCode : 499;
      const seconds = (performance.now() - started) / 1000;
      httpRequests().inc({ method: request.method, route, status });
      httpDuration().observe({ method: request.method, route }, seconds);
      log.info({ requestId, method: request.method, route, path: pathname, status, durationMs: Math.round(seconds * 10_000) / 10 }, "request");
    });
    try {
      stampClientAddress(request, options.trust);
      if (pathname === metricsPath || pathname === `${metricsPath}/`) return await serveMetrics(request, response, options);
      if ((request.method === "GET" || request.method === "HEAD") && getBodyPaths.test(request.url ?? "") && hasBody(request)) {
        const body = await readCapped(request);
        const merged = body
          ? mergeGetBody(request.url ?? "/", request.headers["content-type"], body)
          : ({ ok: false, status: 413, detail: `Request body exceeds the limit of ${maxJsonBytes} bytes.` } as const);
        if (!merged.ok) return sendJson(response, merged.status, { detail: merged.detail });
        request.url = merged.url;
      }
      await options.handle(request, response);
    } catch (error) {
      log.error({ requestId, err: error }, "request failed");
      if (!response.headersSent) sendJson(response, 500, { detail: `Something went wrong on our side. Quote request id ${requestId} if you report it.` });
    }
  });
}

/** Prometheus text, for a scraper holding METRICS_TOKEN; without a token configured there is no such page. */
async function serveMetrics(request: http.IncomingMessage, response: http.ServerResponse, options: PortalServerOptions) {
  if (!options.metricsToken) return sendJson(response, 404, { error: "Not Found", message: "Metrics are off: set METRICS_TOKEN to serve them." });
  if (request.method !== "GET") return sendJson(response, 405, { error: "Method Not Allowed", message: "Use GET." }, { Allow: "GET" });
  const given = Buffer.from(request.headers.authorization ?? "");
  const expected = Buffer.from(`Bearer ${options.metricsToken}`);
  if (given.length !== expected.length || !crypto.timingSafeEqual(given, expected)) {
    return sendJson(response, 401, { error: "Unauthorized", message: "Send Authorization: Bearer <METRICS_TOKEN>." }, { "WWW-Authenticate": 'Bearer realm="metrics"' });
  }
  const { contentType, text } = await options.metrics();
  response.setHeader("Content-Type", contentType);
  response.setHeader("Cache-Control", "no-store");
  response.end(text);
}

function hasBody(request: http.IncomingMessage): boolean {
  return Number(request.headers["content-length"] ?? 0) > 0 || request.headers["transfer-encoding"] !== undefined;
}

async function readCapped(request: http.IncomingMessage): Promise<Buffer | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).byteLength;
    if (size > maxJsonBytes) return null;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

function sendJson(response: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  for (const { key, value } of securityHeaders()) response.setHeader(key, value);
  response.setHeader("Content-Security-Policy", apiContentSecurityPolicy);
  response.setHeader("Cache-Control", "private, no-store");
  response.setHeader("Content-Type", "application/json");
  for (const [name, value] of Object.entries(headers)) response.setHeader(name, value);
  if (status === 413 || status >= 500) response.setHeader("Connection", "close");
  response.statusCode = status;
  response.end(JSON.stringify(body));
}

/**
 * Stops accepting connections, lets requests in flight finish (closing keep-alive connections as
 * they go idle) until the grace period ends, then closes what is left.
 */
export function drainServer(server: http.Server, graceMs: number): Promise<void> {
  return new Promise((resolve) => {
    const deadline = setTimeout(() => {
      server.closeAllConnections();
    }, graceMs);
    const idle = setInterval(() => server.closeIdleConnections(), 100);
    server.close(() => {
      clearTimeout(deadline);
      clearInterval(idle);
      resolve();
    });
    server.closeIdleConnections();
  });
}
