import "server-only";
import { onClose } from "../server/lifecycle";
import type { Database, Db, Tx } from "./connect";
import { openDatabaseFromEnv } from "./open-from-env";

const globalForDb = globalThis as unknown as { __database?: Database };

/**
 * The app's one database handle, opened on first use and kept on globalThis so hot reloads and
 * every module share it. Tests put their own database there before anything reads it.
 */
export function database(): Database {
  if (!globalForDb.__database) {
    const opened = openDatabaseFromEnv();
    globalForDb.__database = opened;
    // Closed last on shutdown (lib/server/lifecycle.ts): PGlite then leaves its folder cleanly
    // shut down, and on PostgreSQL the pool's connections end instead of being cut.
    onClose(() => opened.close());
  }
  return globalForDb.__database;
}

/** The Prisma client. A Proxy so that importing it opens nothing until a query runs. */
export const db: Db = new Proxy({} as Db, {
  get(_target, property) {
    const client = database().prisma;
    const value = Reflect.get(client, property, client) as unknown;
    return typeof value === "function" ? value.bind(client) : value;
  },
});

export type { Db, Tx };
