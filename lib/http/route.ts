import type { NextRequest } from "next/server";
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
      return presentError(family, error);
    }
  };
}

/** A JSON response that no shared cache may keep: every API answer here is personal or live. */
export function json(data: unknown, init: { status?: number; headers?: HeadersInit } = {}): Response {
  const headers = new Headers(init.headers);
  if (!headers.has("Cache-Control")) headers.set("Cache-Control", "private, no-store");
  return Response.json(data, { status: init.status ?? 200, headers });
}
