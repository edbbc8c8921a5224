import path from "node:path";
import { z } from "zod";

/** Reads "0"/"false"/"no" as false and anything else given as true. */
const flag = (fallback: boolean) =>
  z
    .string()
    .optional()
    .transform((value) => (value === undefined || value === "" ? fallback : !/^(0|false|no|off)$/i.test(value)));

const envSchema = z.object({
  /** development | production | test: production refuses to start without AUTH_SECRET. */
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  /** A PostgreSQL server (postgres://...). Unset: the embedded PGlite database in DATA_DIR. */
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "DATABASE_URL must be a postgres:// or postgresql:// URL")
    .optional()
    .or(z.literal("").transform(() => undefined)),
  /** Folder of the embedded database and of the generated development auth secret. */
  DATA_DIR: z.string().default("./.data"),
  /** Signs session cookies; required in production, generated once into DATA_DIR otherwise. */
  AUTH_SECRET: z.string().min(32, "AUTH_SECRET must be at least 32 characters").optional(),
  /** The public origin of the app, e.g. https://portal.example.com. */
  APP_URL: z.url().optional(),
  /** Port `npm start` serves on. */
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  /** Load demo organizations, people and requests into an empty database on start. */
  SEED_DEMO: flag(true),
  /** Largest accepted upload, in bytes. */
  UPLOAD_MAX_BYTES: z.coerce.number().int().positive().default(10 * 1024 * 1024),
  /** Hours within which a data request is expected to complete (sets expectedCompletion). */
  DATA_REQUEST_SLA_HOURS: z.coerce.number().positive().default(24),
  /** Days a completed data request and its archive stay available. */
  DATA_REQUEST_RETENTION_DAYS: z.coerce.number().positive().default(30),
  /** Open (not completed) data requests one person may have at once. */
  DATA_REQUEST_MAX_OPEN: z.coerce.number().int().positive().default(3),
  /** Creates (connection requests, uploads, data requests) one person may make per minute. */
  CREATE_LIMIT_PER_MINUTE: z.coerce.number().int().positive().default(120),
  /** Run the data-request worker inside the app process. */
  WORKER_ENABLED: flag(true),
});

export type Env = z.infer<typeof envSchema>;

export class EnvError extends Error {}

export function parseEnv(source: Record<string, string | undefined> = process.env): Env {
  const result = envSchema.safeParse(source);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`);
    throw new EnvError(`Invalid environment:\n${lines.join("\n")}`);
  }
  return result.data;
}

let cached: Env | undefined;

/** The validated environment, read once per process. */
export function env(): Env {
  cached ??= parseEnv();
  return cached;
}

export function dataDir(): string {
  return path.resolve(env().DATA_DIR);
}

export function databaseEngine(): "embedded" | "postgres" {
  return env().DATABASE_URL ? "postgres" : "embedded";
}

export function appUrl(): string {
  return env().APP_URL ?? `http://localhost:${env().PORT}`;
}
