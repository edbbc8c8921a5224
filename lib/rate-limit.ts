import "server-only";
import crypto from "node:crypto";
import { RateLimiterMemory, RateLimiterPrisma, RateLimiterRes, type RateLimiterAbstract } from "rate-limiter-flexible";
import { database } from "./db/client";
import { env } from "./env";
import { AppError } from "./http/errors";

/**
 * Abuse limits. On PostgreSQL the counters live in the database (RateLimiterFlexible table) so
 * every app instance shares them; the embedded database has one process, so memory suffices.
 */
export interface Limit {
  name: string;
  points: number;
  durationSeconds: number;
}

const limiters = new Map<string, RateLimiterAbstract>();

function limiterFor(limit: Limit): RateLimiterAbstract {
  let limiter = limiters.get(limit.name);
  if (!limiter) {
    const options = { keyPrefix: limit.name, points: limit.points, duration: limit.durationSeconds };
    const { engine, prisma } = database();
    limiter =
      engine === "postgres"
        ? // Expired rows are deleted by the housekeeping sweep (lib/housekeeping), not by a timer per limiter.
          new RateLimiterPrisma({ ...options, storeClient: prisma, tableName: "rateLimiterFlexible", clearExpiredByTimeout: false })
        : new RateLimiterMemory(options);
    limiters.set(limit.name, limiter);
  }
  return limiter;
}

/**
 * Keys come from clients (e-mail addresses, client ids, addresses) and may be kilobytes long;
 * a digest keeps the stored key short enough for PostgreSQL's index and keeps them out of the
 * table in the clear.
 */
const storedKey = (key: string) => crypto.createHash("sha256").update(key).digest("base64url");

/** Counts one attempt against `key`; past the limit, throws a 429 with Retry-After. */
export async function consume(limit: Limit, key: string): Promise<void> {
  try {
    await limiterFor(limit).consume(storedKey(key));
  } catch (rejection) {
    if (rejection instanceof RateLimiterRes) {
      throw new AppError("rate_limited", "Too many attempts. Try again later.", {
        retryAfterSeconds: Math.max(1, Math.ceil(rejection.msBeforeNext / 1000)),
      });
    }
    throw rejection;
  }
}

export async function reset(limit: Limit, key: string): Promise<void> {
  await limiterFor(limit).delete(storedKey(key));
}

/** Limits on credential checks: per account and per client address. */
export const signInPerAccount: Limit = { name: "sign-in-account", points: 10, durationSeconds: 15 * 60 };
export const signInPerAddress: Limit = { name: "sign-in-address", points: 100, durationSeconds: 15 * 60 };

/** Registration hashes a password (memory-hard on purpose), so it is limited before that. */
export const registerPerAddress: Limit = { name: "register-address", points: 20, durationSeconds: 60 * 60 };
export const registerPerEmail: Limit = { name: "register-email", points: 5, durationSeconds: 60 * 60 };
/** "Forgot password" sends mail: limited like registration. */
export const resetPerAddress: Limit = { name: "reset-address", points: 20, durationSeconds: 60 * 60 };
export const resetPerEmail: Limit = { name: "reset-email", points: 5, durationSeconds: 60 * 60 };

/** The OAuth token endpoint: per client and per address. */
export const tokenPerClient: Limit = { name: "oauth-token-client", points: 60, durationSeconds: 60 };
export const tokenPerAddress: Limit = { name: "oauth-token-address", points: 120, durationSeconds: 60 };

/** Writes that create things (requests, uploads), per person: generous for people, a wall for scripts gone wrong. */
export const createsPerPerson: Limit = { name: "creates-person", points: env().CREATE_LIMIT_PER_MINUTE, durationSeconds: 60 };
