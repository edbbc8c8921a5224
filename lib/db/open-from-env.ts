import { dataDir, env } from "../env";
import { connectionsPerProcess } from "../server/capacity";
import { openDatabase, type Database } from "./connect";

/**
 * Opens the database the environment names: DATABASE_URL, or the embedded one in DATA_DIR. A
 * server process's pool is its share of DATABASE_POOL_MAX (scripts/server.ts sets WEB_CONCURRENCY
 * to the processes it runs); scripts pass a small pool of their own.
 */
export function openDatabaseFromEnv(options: { poolSize?: number } = {}): Database {
  const { DATABASE_URL: url, DATABASE_DIRECT_URL: directUrl, DATABASE_POOL_MAX, WEB_CONCURRENCY } = env();
  const poolSize = options.poolSize ?? connectionsPerProcess(DATABASE_POOL_MAX, WEB_CONCURRENCY ?? 1);
  return url
    ? openDatabase({ engine: "postgres", url, directUrl, poolSize })
    : openDatabase({ engine: "embedded", dataDir: dataDir() });
}

export { describeDatabase } from "./describe";
