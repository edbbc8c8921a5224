import { NextRequest } from "next/server";
import type { Database } from "@/lib/db/connect";

type Handler<P> = (request: NextRequest, context: { params: Promise<P> }) => Promise<Response>;

/** Calls a route handler the way Next.js does. */
export function callRoute<P = Record<string, never>>(
  handler: Handler<P>,
  url: string,
  init: ConstructorParameters<typeof NextRequest>[1] = {},
  params = {} as P,
): Promise<Response> {
  return handler(new NextRequest(new URL(url, "http://localhost:3000"), init), { params: Promise.resolve(params) });
}

/** Runs `work` with another database installed as the app's. */
export async function withDatabase<T>(database: Database, work: () => Promise<T>): Promise<T> {
  const holder = globalThis as { __database?: Database };
  const previous = holder.__database;
  holder.__database = database;
  try {
    return await work();
  } finally {
    holder.__database = previous;
  }
}
