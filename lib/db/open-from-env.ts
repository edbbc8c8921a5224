import { dataDir, env } from "../env";
import { openDatabase, type Database } from "./connect";

/** Opens the database the environment names: DATABASE_URL, or the embedded one in DATA_DIR. */
export function openDatabaseFromEnv(options: { poolSize?: number } = {}): Database {
  const url = env().DATABASE_URL;
  return url
    ? openDatabase({ engine: "postgres", url, poolSize: options.poolSize })
    : openDatabase({ engine: "embedded", dataDir: dataDir() });
}

export function describeDatabase(): string {
  const url = env().DATABASE_URL;
  if (!url) return `embedded PostgreSQL (PGlite) in ${dataDir()}`;
  const parsed = new URL(url);
  return `PostgreSQL at ${parsed.hostname}:${parsed.port || 5432}${parsed.pathname}`;
}
