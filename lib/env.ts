import path from "node:path";
import { z } from "zod";
import { compileTrustedProxies } from "./http/trusted-proxies";

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
  /** The same database without a transaction pooler (PgBouncer) in between, for migrations only: they take a session lock. */
  DATABASE_DIRECT_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "DATABASE_DIRECT_URL must be a postgres:// or postgresql:// URL")
    .optional()
    .or(z.literal("").transform(() => undefined)),
  /** Database connections one instance may open in all, shared out among its server processes. */
  DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(10_000).default(10),
  /** Folder of the embedded database and of the generated development auth secret. */
  DATA_DIR: z.string().default("./.data"),
  /** Signs session cookies; required in production, generated once into DATA_DIR otherwise. */
  AUTH_SECRET: z.string().min(32, "AUTH_SECRET must be at least 32 characters").optional(),
  /** The public origin of the app, e.g. https://portal.example.com; required in production. */
  APP_URL: z
    .url()
    .optional()
    .or(z.literal("").transform(() => undefined)),
  /** Port `npm start` serves on. */
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  /**
   * Load demo organizations, people and requests (with published passwords) into an empty
   * database on start. Unset: on, except with NODE_ENV=production, where only an explicit 1 does.
   */
  SEED_DEMO: z
    .string()
    .optional()
    .transform((value) => (value === undefined || value === "" ? undefined : !/^(0|false|no|off)$/i.test(value))),
  /**
   * Which proxies in front of the app may say who the client is through X-Forwarded-For: unset
   * (nobody: the socket's peer is the client), a hop count, or addresses, CIDRs, `loopback`,
   * `linklocal`, `uniquelocal`, separated by commas.
   */
  TRUSTED_PROXIES: z
    .string()
    .default("")
    .refine(
      (value) => {
        try {
          compileTrustedProxies(value);
          return true;
        } catch {
          return false;
        }
      },
      { message: "TRUSTED_PROXIES must be a hop count or a comma-separated list of addresses, CIDRs, loopback, linklocal, uniquelocal" },
    ),
  /** Largest accepted upload, in bytes. */
  UPLOAD_MAX_BYTES: z.coerce.number().int().positive().default(10 * 1024 * 1024),
  /** Hours within which a data request is expected to complete (sets expectedCompletion). */
  DATA_REQUEST_SLA_HOURS: z.coerce.number().positive().default(24),
  /** Days a completed data request and its archive stay available. */
  DATA_REQUEST_RETENTION_DAYS: z.coerce.number().positive().default(30),
  /** Open (not completed) data requests one person may have at once. */
  DATA_REQUEST_MAX_OPEN: z.coerce.number().int().positive().default(3),
  /** Days before a completed data request's download expires that its person is told. */
  DATA_REQUEST_EXPIRY_NOTICE_DAYS: z.coerce.number().min(0).default(3),
  /** Days a connection request may wait for review before the admins' home calls it overdue. */
  REVIEW_OVERDUE_DAYS: z.coerce.number().min(0).default(3),
  /** Attempts at building a data request's archive before it is marked failed. */
  DATA_REQUEST_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(100).default(5),
  /** Creates (connection requests, uploads, data requests) one person may make per minute. */
  CREATE_LIMIT_PER_MINUTE: z.coerce.number().int().positive().default(120),
  /** Run the data-request worker inside the app process. */
  WORKER_ENABLED: flag(true),
  /** Server processes `npm start` runs on PostgreSQL (default: the CPUs it may use, cgroup quota included). The embedded engine has one owner: always 1. */
  WEB_CONCURRENCY: z.coerce.number().int().min(1).max(64).optional(),
  /**
   * V8 old-space limit of each server process (MiB). Under load V8 grows the heap long before it
   * collects; capped at 256, a process peaked at 322 MiB instead of 570 at about the same throughput.
   */
  MAX_HEAP_MIB: z.coerce.number().int().min(64).max(65536).default(256),
  /** Seconds a stopping instance gives requests in flight and the worker's current job before it exits. */
  SHUTDOWN_GRACE_SECONDS: z.coerce.number().min(0).max(600).default(25),
  /** Seconds a stopping instance answers /api/ready with 503 before it closes its listener, so load balancers stop sending. */
  SHUTDOWN_DELAY_SECONDS: z.coerce.number().min(0).max(600).default(5),
  /** pino level of the JSON logs on stdout. */
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  /** Bearer token that reads /api/metrics; unset, the endpoint answers 404. */
  METRICS_TOKEN: z.string().min(16, "METRICS_TOKEN must be at least 16 characters").optional(),
  /** The SMTP server e-mail goes through: smtp://user:pass@host:587 (STARTTLS when offered) or smtps://…:465. */
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, "SMTP_URL must be an smtp:// or smtps:// URL")
    .optional()
    .or(z.literal("").transform(() => undefined)),
  /** The sender of every e-mail, e.g. "Crux Requests <no-reply@portal.example>". */
  MAIL_FROM: z.string().min(3).default("Crux Requests <no-reply@localhost>"),
  /** Write e-mail to the console instead of sending it (npm start sets it outside production when SMTP_URL is unset). */
  MAIL_CONSOLE: flag(false),
  /**
   * The deployment's own NODE_ENV, which npm start passes on (its Next.js server always runs a
   * production build): decides production-only rules such as https-only webhooks.
   */
  APP_ENV: z.enum(["development", "production", "test"]).optional(),
  /** A private deployment's webhooks may target private and loopback addresses (and then plain http); never link-local. */
  WEBHOOK_ALLOW_PRIVATE_NETWORKS: flag(false),
  /** Encrypts webhook signing secrets (at least 32 characters); unset, a key derived from AUTH_SECRET does. */
  WEBHOOK_SECRET_KEY: z.string().min(32, "WEBHOOK_SECRET_KEY must be at least 32 characters").optional().or(z.literal("").transform(() => undefined)),
  /** Minutes between two housekeeping sweeps (one instance sweeps; the others skip that turn). */
  SWEEP_INTERVAL_MINUTES: z.coerce.number().positive().default(10),
  /** Days expired or revoked sessions, API tokens and OAuth codes and tokens are kept before deletion. */
  EXPIRED_CREDENTIAL_RETENTION_DAYS: z.coerce.number().min(0).default(7),
  /** Hours an Idempotency-Key is remembered. */
  IDEMPOTENCY_KEY_RETENTION_HOURS: z.coerce.number().positive().default(24),
  /** Days a sent or failed e-mail stays in the delivery log. */
  DELIVERY_LOG_RETENTION_DAYS: z.coerce.number().positive().default(30),
  /** Webhook deliveries in flight at once per server process (one per endpoint; endpoints on probation hold at most half). */
  WEBHOOK_CONCURRENCY: z.coerce.number().int().min(1).max(256).default(16),
  /** Days a fanned-out event (a request's timeline entry) and its notifications are kept. */
  EVENT_RETENTION_DAYS: z.coerce.number().positive().default(730),
  /** Days after its confirmation link expired that an unconfirmed account (and its then-empty organization) is deleted. */
  UNVERIFIED_ACCOUNT_GRACE_DAYS: z.coerce.number().min(0).default(7),
  /**
   * Platform admins must have a second factor (an authenticator app or a passkey) before they can
   * do anything else. Unset: on in a production deployment (APP_ENV, else NODE_ENV), off otherwise.
   */
  REQUIRE_ADMIN_MFA: z
    .string()
    .optional()
    .transform((value) => (value === undefined || value === "" ? undefined : !/^(0|false|no|off)$/i.test(value))),
  /** Single sign-on through an OpenID Connect provider: all three turn on "Sign in with <OIDC_NAME>". */
  OIDC_ISSUER: z.url().optional().or(z.literal("").transform(() => undefined)),
  OIDC_CLIENT_ID: z.string().min(1).optional().or(z.literal("").transform(() => undefined)),
  OIDC_CLIENT_SECRET: z.string().min(1).optional().or(z.literal("").transform(() => undefined)),
  /** The provider's name on the sign-in button. */
  OIDC_NAME: z.string().min(1).max(60).default("SSO"),
  /** Hours an upload may wait to be attached to a connection request before it is deleted. */
  UNATTACHED_UPLOAD_RETENTION_HOURS: z.coerce.number().positive().default(24),
}).transform((values) => ({ ...values, SEED_DEMO: values.SEED_DEMO ?? values.NODE_ENV !== "production" }));

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

/** Whether this is a production deployment (npm start passes the deployment's NODE_ENV as APP_ENV). */
export function isProductionDeployment(): boolean {
  return (env().APP_ENV ?? env().NODE_ENV) === "production";
}

/** Whether platform admins must enrol a second factor first (REQUIRE_ADMIN_MFA, else production decides). */
export function adminsNeedSecondFactor(): boolean {
  return env().REQUIRE_ADMIN_MFA ?? isProductionDeployment();
}

/** The single sign-on provider, when all of it is configured. */
export function ssoProvider(): { issuer: string; clientId: string; clientSecret: string; name: string } | null {
  const { OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET, OIDC_NAME } = env();
  if (!OIDC_ISSUER || !OIDC_CLIENT_ID || !OIDC_CLIENT_SECRET) return null;
  return { issuer: OIDC_ISSUER.replace(/\/$/, ""), clientId: OIDC_CLIENT_ID, clientSecret: OIDC_CLIENT_SECRET, name: OIDC_NAME };
}

/**
 * Production needs its public origin: e-mail links, the OAuth issuer and Secure cookies are made
 * from it, and a guess (localhost) would send people links that lead nowhere.
 */
export function requireAppUrl(config: Pick<Env, "APP_URL">, production: boolean): void {
  if (production && !config.APP_URL) {
    throw new EnvError("APP_URL is required in production: set it to the portal's public origin, e.g. APP_URL=https://portal.example.com");
  }
}

export function appUrl(): string {
  return env().APP_URL ?? `http://localhost:${env().PORT}`;
}
