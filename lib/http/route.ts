import { Readable } from "node:stream";
import type { NextRequest } from "next/server";
import { attachmentDisposition } from "../files/content-type";
import { AppError } from "./errors";
import { presentError, type ApiFamily } from "./presenters";

export interface RouteContext<Params> {
  request: NextRequest;
  params: Params;
}

type Handler<Params> = (context: RouteContext<Params>) => Promise<Response>;

/**
 * Every route handler goes through here: params are awaited, and any thrown error becomes the
 * family's error response in one place, so handlers contain no try/catch.
 */
export function apiRoute<Params = Record<string, never>>(family: ApiFamily, handler: Handler<Params>) {
  return async (request: NextRequest, context: { params: Promise<Params> }): Promise<Response> => {
    try {
      return await handler({ request, params: await context.params });
    } catch (error) {
      return presentError(family, error, request.headers.get("x-request-id"));
    }
  };
}

/** A JSON response that no shared cache may keep: every API answer here is personal or live. */
export function json(data: unknown, init: { status?: number; headers?: HeadersInit } = {}): Response {
  const headers = new Headers(init.headers);
  if (!headers.has("Cache-Control")) headers.set("Cache-Control", "private, no-store");
  return Response.json(data, { status: init.status ?? 200, headers });
}

/** JSON the database already wrote as text (lib/db/json-text.ts), sent as it is, with json()'s headers. */
export function jsonText(body: string, init: { status?: number } = {}): Response {
  return new Response(body, { status: init.status ?? 200, headers: { "Content-Type": "application/json", "Cache-Control": "private, no-store" } });
}

/** A download: always an attachment, never sniffed, never cached by anyone else. */
export function attachment(content: Uint8Array<ArrayBuffer>, file: { contentType: string; size: number; name: string }): Response {
  return new Response(content, {
    headers: {
      "Content-Type": file.contentType,
      "Content-Length": String(file.size),
      "Content-Disposition": attachmentDisposition(file.name),
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": "private, no-store",
    },
  });
}

/** A CSV download streamed as it is produced (no Content-Length: its size is known only at the end). */
export function csvAttachment(csv: Readable, name: string): Response {
  return new Response(Readable.toWeb(csv) as ReadableStream<Uint8Array>, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": attachmentDisposition(name),
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": "private, no-store",
    },
  });
}

/** 204: the action was accepted and there is nothing to return. */
export function noContent(): Response {
  return new Response(null, { status: 204, headers: { "Cache-Control": "private, no-store" } });
}

/**
 * The handler for the methods a route does not serve: a 405 in the family's error format with
 * the `Allow` header (Next.js's own 405 has no body).
 */
export function methodNotAllowed(family: ApiFamily, allowed: string[]) {
  const allow = [...allowed, "OPTIONS"].join(", ");
  const handler = apiRoute(family, async ({ request }) => {
    throw new AppError("method_not_allowed", `Method "${request.method}" not allowed.`, { headers: { Allow: allow } });
  });
  // Any route's params: the answer does not depend on them.
  return (request: NextRequest) => handler(request, { params: Promise.resolve({}) });
}

/**
 * The handler of a catch-all route: a path under /api that matches no route answers a 404 in the
 * family's error format rather than the portal's HTML not-found page, for every method. Next.js
 * tries catch-all segments last, so these never shadow a real route.
 */
export function notFoundRoute(family: ApiFamily) {
  const handler = apiRoute(family, async () => {
    throw new AppError("not_found", "Not found.");
  });
  return (request: NextRequest) => handler(request, { params: Promise.resolve({}) });
}
