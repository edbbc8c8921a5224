import { onClose } from "../server/lifecycle";
import type { Database } from "./connect";
import { openDatabaseFromEnv } from "./open-from-env";

const globalForDb = globalThis as unknown as { __database?: Database; __databasePrepared?: Promise<void> };

/**
 * The app's one database handle, opened on first use and kept on globalThis so hot reloads and
 * every module share it: the server script prepares it before Next.js starts, and the Next.js
 * bundle's modules use the same one. Tests put their own database there before anything reads it.
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

/**
 * The server's migration and reference data, announced while it runs beside Next.js's own
 * preparation (scripts/server.ts); returns it.
 */
export function announcePreparation(preparation: Promise<void>): Promise<void> {
  globalForDb.__databasePrepared = preparation;
  return preparation;
}

/** Resolves once the database has its schema: at once where nothing announced a preparation (tests, scripts). */
export const databasePrepared = (): Promise<void> => globalForDb.__databasePrepared ?? Promise.resolve();
