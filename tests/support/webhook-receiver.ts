import crypto from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";

export interface ReceivedWebhook {
  id: string;
  verified: boolean;
  body: { type: string; timestamp: string; data: Record<string, unknown> };
}

/**
 * The receiving end of an integration: a real HTTP server on a loopback port that checks each
 * request's signature with its own implementation of the Standard Webhooks specification
 * (HMAC-SHA256 over `id.timestamp.body` with the Base64 key after `whsec_`, a 5-minute tolerance),
 * independent of the library the app signs with. `answer` decides each response's status.
 */
export async function startWebhookReceiver(secret: () => string, answer: (count: number) => number = () => 204) {
  const received: ReceivedWebhook[] = [];
  let count = 0;
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const raw = Buffer.concat(chunks).toString("utf8");
      const id = String(request.headers["webhook-id"]);
      const timestamp = Number(request.headers["webhook-timestamp"]);
      const key = Buffer.from(secret().replace(/^whsec_/, ""), "base64");
      const expected = crypto.createHmac("sha256", key).update(`${id}.${timestamp}.${raw}`).digest("base64");
      const offered = String(request.headers["webhook-signature"] ?? "").split(" ").filter((entry) => entry.startsWith("v1,")).map((entry) => entry.slice(3));
      const fresh = Math.abs(Date.now() / 1000 - timestamp) < 300;
      const verified = fresh && offered.some((signature) => signature.length === expected.length && crypto.timingSafeEqual(Buffer.from(signature), Buffer.from(expected)));
      received.push({ id, verified, body: JSON.parse(raw) });
      const status = answer(++count);
      response.writeHead(status, status >= 300 && status < 400 ? { location: "http://127.0.0.1:9/elsewhere" } : {});
      response.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/hooks`,
    port,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
