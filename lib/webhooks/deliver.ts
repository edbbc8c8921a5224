import "server-only";
import { database } from "../db/client";
import { Prisma } from "../generated/prisma/client";
import { logger } from "../observability/logger";
import { deliveries } from "../observability/metrics";
import { claimMessages, clockFrom, dueCondition, releaseClaims, settleMessage, type Claimed } from "../outbox/outbox";
import { disableFailingEndpoint, recordAttempt } from "./endpoint-health";
import type { NetworkPolicy } from "./network";
import { networkPolicy } from "./endpoints";
import { sendWebhook, type OutgoingWebhook, type WebhookAttempt } from "./send";

/**
 * Deliveries in flight at once to one endpoint, across instances (the claim locks the endpoint's
 * row). One: a healthy endpoint then receives its events in the order they happened (a retry can
 * still overtake), a slow one holds a single slot of the instance's WEBHOOK_CONCURRENCY, and once
 * a tripped circuit closes again a single delivery probes the endpoint.
 */
export const perEndpointInFlight = 1;

/**
 * Claims due deliveries endpoint by endpoint: only enabled endpoints whose owner is active and
 * whose circuit is closed, each up to its in-flight cap minus what is already in flight there
 * (by any instance). Locking the endpoint rows (SKIP LOCKED; NO KEY, so inserting deliveries for
 * them is not blocked) makes two instances' claims for one endpoint take turns, so the cap holds across instances; a disabled endpoint's backlog is never
 * scanned. Endpoints that have proven themselves (a success, and an answer to the last attempt)
 * are claimed apart from those on probation (never answered yet, or the last attempt got no
 * answer), so that the latter can be kept to a share of the slots.
 */
function candidates(now: Date, limit: number, probation: boolean) {
  return Prisma.sql`
    WITH open AS (
      SELECT e.id, ${perEndpointInFlight}::int
        - (SELECT count(*) FROM "WebhookDelivery" s WHERE s."endpointId" = e.id AND s.status = 'sending' AND s."leaseUntil" >= ${now})::int AS room
      FROM "WebhookEndpoint" e JOIN "User" o ON o.id = e."ownerId"
      WHERE e."disabledAt" IS NULL AND o.status = 'active' AND (e."circuitOpenUntil" IS NULL OR e."circuitOpenUntil" <= ${now})
        AND (e."consecutiveFailures" > 0 OR e."lastSuccessAt" IS NULL) = ${probation}::boolean
        AND EXISTS (SELECT 1 FROM "WebhookDelivery" p WHERE p."endpointId" = e.id AND ${dueCondition(now, "p")})
      FOR NO KEY UPDATE OF e SKIP LOCKED)
    SELECT d.id FROM open CROSS JOIN LATERAL (
      SELECT p.id, p."nextAttemptAt" FROM "WebhookDelivery" p WHERE p."endpointId" = open.id AND ${dueCondition(now, "p")}
      ORDER BY p."nextAttemptAt", p."createdAt", p.id LIMIT GREATEST(open.room, 0)) d
    ORDER BY d."nextAttemptAt" LIMIT ${limit}::int`;
}

interface Loaded extends Claimed, OutgoingWebhook {
  endpointId: string;
}

async function load(claims: Claimed[]): Promise<Loaded[]> {
  if (claims.length === 0) return [];
  const rows = await database().prisma.webhookDelivery.findMany({
    where: { id: { in: claims.map((claim) => claim.id) } },
    select: {
      id: true,
      payload: true,
      endpoint: { select: { id: true, url: true, secretCiphertext: true, previousSecretCiphertext: true, previousSecretExpiresAt: true } },
    },
  });
  const byId = new Map(rows.map((row) => [row.id, row]));
  return claims.flatMap((claim) => {
    const row = byId.get(claim.id);
    if (!row) return [];
    const { id: endpointId, ...endpoint } = row.endpoint;
    return [{ ...claim, ...endpoint, endpointId, payload: row.payload }];
  });
}

export interface WebhookPass {
  delivered: number;
  failed: number;
}

/** Sends one claimed delivery and writes its outcome and its endpoint's health. */
async function deliver(delivery: Loaded, policy: NetworkPolicy, pass: WebhookPass, clock: () => Date) {
  const attempt: WebhookAttempt = await sendWebhook(delivery, policy);
  const now = clock();
  const outcome = attempt.problem === null ? { sent: true as const, responseStatus: attempt.status } : { sent: false as const, error: attempt.problem, responseStatus: attempt.status };
  const settled = await settleMessage("WebhookDelivery", delivery, outcome, now);
  if (settled === "lost") return;
  deliveries().inc({ channel: "webhook", outcome: settled });
  if (settled === "sent") pass.delivered++;
  else pass.failed++;
  // No answer (a timeout, a refused or reset connection, a target no longer allowed) counts
  // towards the circuit; an HTTP answer, even an error, was fast and costs nobody else anything.
  const health = await recordAttempt(delivery.endpointId, { ok: attempt.problem === null, unreachable: attempt.status === null }, now);
  if (health.failingForADay) await disableFailingEndpoint(delivery.endpointId, attempt.problem ?? "", now);
}

/**
 * The webhook sender. Each `dispatch` claims what is due up to the free slots and starts sending
 * without waiting: a slow endpoint holds its own slot (and, once its circuit opens, none), never
 * the others'. `sendDueWebhooks` does the same and waits (tests, scripts).
 */
export class WebhookDispatcher {
  private readonly inFlight = new Map<string, { claim: Claimed; probation: boolean; done: Promise<void> }>();
  private readonly pass: WebhookPass = { delivered: 0, failed: 0 };

  constructor(
    private readonly maxInFlight: number,
    private readonly policy: () => NetworkPolicy = networkPolicy,
  ) {}

  /**
   * Claims and starts what fits; returns how many it started. Endpoints on probation may hold at
   * most half the slots: many dark endpoints at once (new ones, or before their circuits open)
   * still leave the other half to the endpoints known to answer. One slot stays theirs, though,
   * so a busy platform never keeps a new endpoint from its first attempt.
   */
  async dispatch(now = new Date(), keepGoing: () => boolean = () => true): Promise<number> {
    const onProbation = () => [...this.inFlight.values()].filter((entry) => entry.probation).length;
    const probationReserve = this.maxInFlight > 1 && onProbation() === 0 ? 1 : 0;
    const proven = await this.claim(now, this.maxInFlight - this.inFlight.size - probationReserve, false, keepGoing);
    const probationRoom = Math.min(this.maxInFlight - this.inFlight.size, Math.max(1, Math.floor(this.maxInFlight / 2)) - onProbation());
    return proven + (await this.claim(now, probationRoom, true, keepGoing));
  }

  private async claim(now: Date, room: number, probation: boolean, keepGoing: () => boolean): Promise<number> {
    if (room <= 0 || !keepGoing()) return 0;
    const claimed = await claimMessages("WebhookDelivery", candidates(now, room, probation), now);
    // Claims that came back after the process began to stop are given back, not sent.
    if (!keepGoing()) {
      await releaseClaims("WebhookDelivery", claimed, now);
      return 0;
    }
    const claims = await load(claimed);
    const policy = this.policy();
    const clock = clockFrom(now);
    for (const claim of claims) {
      const done = deliver(claim, policy, this.pass, clock)
        // A database error: the lease runs out and the delivery is retaken.
        .catch((error: unknown) => logger().warn({ err: error, webhookDelivery: claim.id }, "webhook delivery outcome not written"))
        .finally(() => this.inFlight.delete(claim.id));
      this.inFlight.set(claim.id, { claim, probation, done });
    }
    return claims.length;
  }

  /** Outcomes since the last call, for the log. */
  takeCounts(): WebhookPass {
    const counts = { ...this.pass };
    this.pass.delivered = this.pass.failed = 0;
    return counts;
  }

  /** Waits for the sends in flight, at most `ms`. */
  async settle(ms: number): Promise<void> {
    const all = Promise.allSettled([...this.inFlight.values()].map((entry) => entry.done));
    await Promise.race([all, new Promise((resolve) => setTimeout(resolve, ms).unref())]);
  }

  /**
   * Gives back the claims of sends that have not finished (the process is stopping). A request
   * already on its way may still arrive: the delivery is then sent again, as at-least-once
   * delivery allows (receivers deduplicate by webhook-id).
   */
  release(): Promise<number> {
    return releaseClaims("WebhookDelivery", [...this.inFlight.values()].map((entry) => entry.claim));
  }
}

/** Sends what is due at `now`, round after round, and waits for it: for tests and one-off runs. */
export async function sendDueWebhooks(now = new Date(), policy: NetworkPolicy = networkPolicy(), maxInFlight = 10): Promise<WebhookPass> {
  const dispatcher = new WebhookDispatcher(maxInFlight, () => policy);
  for (let round = 0; round < 100 && (await dispatcher.dispatch(now)) > 0; round++) await dispatcher.settle(60_000);
  return dispatcher.takeCounts();
}
