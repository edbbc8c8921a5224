import "server-only";
import type { Database, Db, Tx } from "./connect";
import { openDatabaseFromEnv } from "./open-from-env";

const globalForDb = globalThis as unknown as { __database?: Database };

/**
 * The app's one database handle, opened on first use and kept on globalThis so hot reloads and
 * every module share it. Tests put their own database there before anything reads it.
 */
export function database(): Database {
  globalForDb.__database ??= openDatabaseFromEnv();
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
