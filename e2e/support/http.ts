import http from "node:http";

/**
 * A raw HTTP call, for what browsers and fetch refuse to send but TIMP clients do (a JSON body
 * on GET, as the seed's Node.js and HTTPie examples send).
 */
export function rawRequest(
  url: string,
  options: { method: string; headers?: Record<string, string>; body?: string | Buffer },
): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  // Node sends a GET body without framing unless Content-Length is given.
  const headers = { ...options.headers, ...(options.body !== undefined ? { "Content-Length": String(Buffer.byteLength(options.body)) } : {}) };
  return new Promise((resolve, reject) => {
    const request = http.request(url, { method: options.method, headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("end", () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks).toString("utf8") }));
    });
    request.on("error", reject);
    if (options.body !== undefined) request.write(options.body);
    request.end();
  });
}
