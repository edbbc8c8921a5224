import "server-only";
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
        ? new RateLimiterPrisma({ ...options, storeClient: prisma, tableName: "rateLimiterFlexible" })
        : new RateLimiterMemory(options);
    limiters.set(limit.name, limiter);
  }
  return limiter;
}

/** Counts one attempt against `key`; past the limit, throws a 429 with Retry-After. */
export async function consume(limit: Limit, key: string): Promise<void> {
  try {
    await limiterFor(limit).consume(key);
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
  await limiterFor(limit).delete(key);
}

/** Limits on credential checks: per account and per client address. */
export const signInPerAccount: Limit = { name: "sign-in-account", points: 10, durationSeconds: 15 * 60 };
export const signInPerAddress: Limit = { name: "sign-in-address", points: 100, durationSeconds: 15 * 60 };

/**
 * The client's address as the nearest proxy saw it. `next start` appends the socket address to
 * X-Forwarded-For, so the last entry is the one a client cannot forge.
 */
export function clientAddress(headers: Headers | Record<string, string | string[] | undefined>): string {
  const raw = headers instanceof Headers ? headers.get("x-forwarded-for") : headers["x-forwarded-for"];
  const value = Array.isArray(raw) ? raw.join(",") : (raw ?? "");
  return value.split(",").map((part) => part.trim()).filter(Boolean).at(-1) ?? "unknown";
}

/** The OAuth token endpoint: per client and per address. */
export const tokenPerClient: Limit = { name: "oauth-token-client", points: 60, durationSeconds: 60 };
export const tokenPerAddress: Limit = { name: "oauth-token-address", points: 120, durationSeconds: 60 };

/** Writes that create things (requests, uploads), per person: generous for people, a wall for scripts gone wrong. */
export const createsPerPerson: Limit = { name: "creates-person", points: env().CREATE_LIMIT_PER_MINUTE, durationSeconds: 60 };
