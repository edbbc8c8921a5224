import http from "node:http";
import type { AddressInfo } from "node:net";
import { NextRequest } from "next/server";
import { maxHeaderBytes } from "@/lib/http/body";
import { stampClientAddress } from "@/lib/http/client-address";
import type { TrustedProxies } from "@/lib/http/trusted-proxies";

type Handler = (request: NextRequest, context: { params: Promise<Record<string, never>> }) => Promise<Response>;

/**
 * Serves route handlers on a real loopback socket, with the client-address step and the header
 * limit of scripts/server.ts in front, so a test can show what a client on the other end of a TCP
 * connection can and cannot make the app do. A handler that throws answers 500, as Next.js would.
 */
export async function serveRoute(handler: Handler | ((request: NextRequest) => Promise<Response>), trust: TrustedProxies) {
  const server = http.createServer({ maxHeaderSize: maxHeaderBytes }, async (incoming, outgoing) => {
    try {
      stampClientAddress(incoming, trust);
      const chunks: Buffer[] = [];
      for await (const chunk of incoming) chunks.push(chunk as Buffer);
      const headers = new Headers();
      for (const [name, value] of Object.entries(incoming.headers)) if (typeof value === "string") headers.set(name, value);
      const body = chunks.length && !["GET", "HEAD"].includes(incoming.method ?? "") ? Buffer.concat(chunks) : undefined;
      const request = new NextRequest(new URL(incoming.url ?? "/", "http://localhost:3000"), { method: incoming.method, headers, body });
      const response = await handler(request, { params: Promise.resolve({}) });
      outgoing.writeHead(response.status, Object.fromEntries(response.headers));
      outgoing.end(Buffer.from(await response.arrayBuffer()));
    } catch (error) {
      outgoing.writeHead(500, { "content-type": "text/plain" });
      outgoing.end(String(error));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
