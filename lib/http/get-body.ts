import { isJsonContentType, maxJsonBytes } from "./body";

/**
 * The mirrored TIMP API reads list parameters from a JSON body even on GET, and its examples
 * send them that way. Next.js drops GET bodies before a route handler sees them, so the server
 * (scripts/server.ts) moves them into the query string first; the query string wins a conflict.
 */
export const getBodyPaths = /^\/api\/timp\//;

export type GetBodyResult =
  | { ok: true; url: string }
  | { ok: false; status: 400 | 413 | 415; detail: string };

export function mergeGetBody(url: string, contentType: string | undefined, body: Buffer): GetBodyResult {
  if (body.byteLength === 0) return { ok: true, url };
  if (body.byteLength > maxJsonBytes) return { ok: false, status: 413, detail: `Request body exceeds the limit of ${maxJsonBytes} bytes.` };
  if (!isJsonContentType(contentType ?? null)) {
    return { ok: false, status: 415, detail: `Unsupported media type "${contentType ?? "none"}" in request: send application/json.` };
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(body));
  } catch (error) {
    return { ok: false, status: 400, detail: `JSON parse error - ${(error as Error).message}` };
  }
  if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) {
    return { ok: false, status: 400, detail: "Invalid data. Expected a dictionary." };
  }
  const target = new URL(url, "http://internal");
  for (const [name, value] of Object.entries(parsed as Record<string, unknown>)) {
    if (target.searchParams.has(name) || value === null || value === undefined) continue;
    target.searchParams.set(name, typeof value === "string" ? value : JSON.stringify(value));
  }
  return { ok: true, url: `${target.pathname}${target.search}` };
}
