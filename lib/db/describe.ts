import { dataDir, env } from "../env";

/** Where the environment's database is, for people: without loading a database driver. */
export function describeDatabase(): string {
  const url = env().DATABASE_URL;
  if (!url) return `embedded PostgreSQL (PGlite) in ${dataDir()}`;
  const parsed = new URL(url);
  return `PostgreSQL at ${parsed.hostname}:${parsed.port || 5432}${parsed.pathname}`;
}
