import "server-only";
import crypto from "node:crypto";
import ipaddr from "ipaddr.js";
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
  /** Keyed by a client address: counted per address block (addressKey), not per literal string. */
  perAddress?: boolean;
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

/**
 * What a per-address limit counts: IPv4 (and IPv4-mapped IPv6) by the full address, other IPv6 by
 * its /64. One subscriber or host usually holds a whole /64 (RFC 6177), so counting single IPv6
 * addresses would give a client 2^64 fresh budgets.
 */
export function addressKey(address: string): string {
  if (!ipaddr.isValid(address)) return address;
  const parsed = ipaddr.process(address);
  if (parsed.kind() === "ipv4") return parsed.toString();
  return `${(parsed as ipaddr.IPv6).parts.slice(0, 4).map((part) => part.toString(16)).join(":")}::/64`;
}

const keyFor = (limit: Limit, key: string) => storedKey(limit.perAddress ? addressKey(key) : key);

const rateLimited = (rejection: RateLimiterRes) =>
  new AppError("rate_limited", "Too many attempts. Try again later.", {
    retryAfterSeconds: Math.max(1, Math.ceil(rejection.msBeforeNext / 1000)),
  });

/** Counts one attempt against `key`; past the limit, throws a 429 with Retry-After. */
export async function consume(limit: Limit, key: string): Promise<void> {
  try {
    await limiterFor(limit).consume(keyFor(limit, key));
  } catch (rejection) {
    if (rejection instanceof RateLimiterRes) throw rateLimited(rejection);
    throw rejection;
  }
}

export async function reset(limit: Limit, key: string): Promise<void> {
  await limiterFor(limit).delete(keyFor(limit, key));
}

/**
 * Limits on attempts that name an account (sign-in, forgot-password). An account's limit must stop
 * guessing and mail floods without letting strangers lock its owner out, so three budgets are
 * spent, in this order, each only when the one before allowed the attempt:
 *
 * 1. the client address's own budget (`address`): a refused client spends nothing of the account's;
 * 2. the account's budget from this address block (`pair`): one address cannot spend more of it;
 * 3. the account's budget shared by every address (`account`). Spent, it refuses new addresses,
 *    but not the address blocks the owner signed in or reset the password from in the last three
 *    weeks (rememberAddress): those keep their `pair` budget, which no other address can touch.
 *
 * So an attacker with many addresses can use up the shared budget, never the owner's own, and
 * still gets no more than `pair` attempts per address block and `account` from new ones.
 */
export interface AccountLimits {
  address: Limit;
  pair: Limit;
  account: Limit;
}

// Three weeks: the memory engine keeps each key with a timer, and Node's timers stop at 24.8 days.
const knownAddresses: Limit = { name: "known-address", points: 1_000_000, durationSeconds: 21 * 24 * 60 * 60 };
const pairKey = (account: string, address: string) => `${account}\n${addressKey(address)}`;

export async function consumeForAccount(limits: AccountLimits, account: string, address: string): Promise<void> {
  await consume(limits.address, address);
  await consume(limits.pair, pairKey(account, address));
  try {
    await consume(limits.account, account);
  } catch (error) {
    if (error instanceof AppError && error.code === "rate_limited" && (await isKnownAddress(account, address))) return;
    throw error;
  }
}

/** After proof of ownership (the password, a reset link): clears the account's counts for this address and remembers it. */
export async function rememberAddress(limits: AccountLimits, account: string, address: string): Promise<void> {
  await reset(limits.pair, pairKey(account, address));
  await reset(limits.account, account);
  await limiterFor(knownAddresses).set(storedKey(pairKey(account, address)), 1, knownAddresses.durationSeconds);
}

async function isKnownAddress(account: string, address: string): Promise<boolean> {
  const seen = await limiterFor(knownAddresses).get(storedKey(pairKey(account, address)));
  return (seen?.consumedPoints ?? 0) > 0;
}

/** Credential checks: 100 per address, 5 per account from one address, 10 per account from new addresses, per 15 minutes. */
export const signIn: AccountLimits = {
  address: { name: "sign-in-address", points: 100, durationSeconds: 15 * 60, perAddress: true },
  pair: { name: "sign-in-account-address", points: 5, durationSeconds: 15 * 60 },
  account: { name: "sign-in-account", points: 10, durationSeconds: 15 * 60 },
};

/** Registration hashes a password (memory-hard on purpose), so it is limited before that. */
export const registerPerAddress: Limit = { name: "register-address", points: 20, durationSeconds: 60 * 60, perAddress: true };
export const registerPerEmail: Limit = { name: "register-email", points: 5, durationSeconds: 60 * 60 };
/** "Forgot password" sends mail: 20 per address, 3 per address and e-mail, 10 per e-mail, per hour. */
export const passwordReset: AccountLimits = {
  address: { name: "reset-address", points: 20, durationSeconds: 60 * 60, perAddress: true },
  pair: { name: "reset-email-address", points: 3, durationSeconds: 60 * 60 },
  account: { name: "reset-email", points: 10, durationSeconds: 60 * 60 },
};

/** The OAuth token endpoint: per client and per address. */
export const tokenPerClient: Limit = { name: "oauth-token-client", points: 60, durationSeconds: 60 };
export const tokenPerAddress: Limit = { name: "oauth-token-address", points: 120, durationSeconds: 60, perAddress: true };

/** Writes that create things (requests, uploads), per person: generous for people, a wall for scripts gone wrong. */
export const createsPerPerson: Limit = { name: "creates-person", points: env().CREATE_LIMIT_PER_MINUTE, durationSeconds: 60 };

/** Test events, per webhook endpoint: each is a day of retries at a URL of the caller's choosing. */
export const webhookTestsPerEndpoint: Limit = { name: "webhook-test-endpoint", points: 5, durationSeconds: 60 * 60 };

/** Accepting a supplier invitation hashes a password and tests a token: per address, like registration. */
export const invitationAcceptPerAddress: Limit = { name: "invitation-accept-address", points: 20, durationSeconds: 15 * 60, perAddress: true };

/** Team invitations, per organization: each is a mail to an address of the owner's choosing. */
export const teamInvitationsPerOrganization: Limit = { name: "team-invitations-organization", points: 50, durationSeconds: 60 * 60 };

/** Passkey sign-ins, per address: each verifies a signature; generous for people, a wall for floods. */
export const passkeySignInPerAddress: Limit = { name: "passkey-sign-in-address", points: 60, durationSeconds: 15 * 60, perAddress: true };
