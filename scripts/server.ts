/**
 * The HTTP server `npm start` runs: Next.js's own request handler, plus one compatibility step
 * (lib/http/get-body.ts) that Next.js cannot do: JSON bodies of TIMP GET requests.
 */
import http from "node:http";
import path from "node:path";
import next from "next";
import { stampClientAddress } from "../lib/http/client-address";
import { getBodyPaths, mergeGetBody } from "../lib/http/get-body";
import { maxHeaderBytes, maxJsonBytes } from "../lib/http/body";
import { apiContentSecurityPolicy, securityHeaders } from "../lib/http/security-headers.mjs";

const dev = process.argv.includes("--dev");
const port = Number(process.env.PORT ?? 3000);
const app = next({ dev, dir: path.resolve(import.meta.dirname, ".."), port });
const handle = app.getRequestHandler();
await app.prepare();

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

function sendJsonError(response: http.ServerResponse, status: number, detail: string) {
  for (const { key, value } of securityHeaders()) response.setHeader(key, value);
  response.setHeader("Content-Security-Policy", apiContentSecurityPolicy);
  response.setHeader("Cache-Control", "private, no-store");
  response.setHeader("Content-Type", "application/json");
  response.setHeader("Connection", "close");
  response.statusCode = status;
  response.end(JSON.stringify({ detail }));
}

const server = http.createServer({ maxHeaderSize: maxHeaderBytes }, async (request, response) => {
  try {
    stampClientAddress(request);
    if ((request.method === "GET" || request.method === "HEAD") && getBodyPaths.test(request.url ?? "") && hasBody(request)) {
      const body = await readCapped(request);
      const merged = body
        ? mergeGetBody(request.url ?? "/", request.headers["content-type"], body)
        : ({ ok: false, status: 413, detail: `Request body exceeds the limit of ${maxJsonBytes} bytes.` } as const);
      if (!merged.ok) return sendJsonError(response, merged.status, merged.detail);
      request.url = merged.url;
    }
    await handle(request, response);
  } catch (error) {
    console.error("Request failed", error);
    if (!response.headersSent) sendJsonError(response, 500, "Something went wrong on our side.");
  }
});
server.listen(port, () => console.log(`▲ Next.js ${dev ? "dev" : "production"} server on port ${port}`));
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => server.close(() => process.exit(0)));
}
