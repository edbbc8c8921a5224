import "server-only";
import { database } from "../db/client";
import { renderPlainEmail } from "../mail/templates";

/** After this long failing with no success in between, an endpoint is disabled. */
export const disableAfterFailingMs = 24 * 3_600_000;
/**
 * Failures in a row (timeouts, refused connections) after which an endpoint's circuit opens: its
 * deliveries wait 30 s, doubling with each failed probe, at most 10 minutes, instead of each
 * burning the send deadline.
 */
export const circuitThreshold = 3;

/** A failure this long after the previous one starts a new streak rather than continuing an old one. */
const streakGapMs = 24 * 3_600_000;

/**
 * Writes one attempt into its endpoint's health. A success closes the circuit and ends the
 * failing streak. An attempt that got no answer (`unreachable`: a timeout, a refused or reset
 * connection, or a target no longer allowed) counts towards opening the circuit; one that got an
 * HTTP answer, even an error, resets that count and closes the circuit (the endpoint is there,
 * and answering fast costs nobody else anything). Any failure starts or continues the streak that
 * disables the endpoint after a day without a success; a failure a day after the previous one
 * starts a new streak, so an old failure never counts against an endpoint that was merely idle.
 */
export async function recordAttempt(endpointId: string, attempt: { ok: boolean; unreachable: boolean }, now: Date): Promise<{ failingForADay: boolean }> {
  const { prisma } = database();
  if (attempt.ok) {
    await prisma.webhookEndpoint.updateMany({
      where: { id: endpointId },
      data: { consecutiveFailures: 0, circuitOpenUntil: null, failingSince: null, lastSuccessAt: now },
    });
    return { failingForADay: false };
  }
  const streakStartsAfter = new Date(now.getTime() - streakGapMs);
  const [row] = await prisma.$queryRaw<{ failingSince: Date }[]>`
    UPDATE "WebhookEndpoint" SET
      "failingSince" = CASE WHEN "failingSince" IS NULL OR "lastFailureAt" IS NULL OR "lastFailureAt" < ${streakStartsAfter} THEN ${now} ELSE "failingSince" END,
      "lastFailureAt" = ${now},
      "consecutiveFailures" = CASE WHEN ${attempt.unreachable}::boolean THEN "consecutiveFailures" + 1 ELSE 0 END,
      "circuitOpenUntil" = CASE WHEN NOT ${attempt.unreachable}::boolean THEN NULL
        WHEN "consecutiveFailures" + 1 >= ${circuitThreshold}::int
        THEN ${now}::timestamptz + make_interval(secs => LEAST(600, 30 * power(2, GREATEST(0, "consecutiveFailures" + 1 - ${circuitThreshold}::int))))
        ELSE "circuitOpenUntil" END
    WHERE id = ${endpointId}::uuid
    RETURNING "failingSince"`;
  return { failingForADay: !!row && now.getTime() - row.failingSince.getTime() >= disableAfterFailingMs };
}

/**
 * An endpoint that failed for a whole day with no success stops receiving: its backlog is held
 * (not scanned by the sender) and its owner is told by e-mail. Enabling it again requeues only
 * recent deliveries (lib/webhooks/endpoints.ts).
 */
export async function disableFailingEndpoint(endpointId: string, problem: string, now: Date) {
  await database().prisma.$transaction(async (tx) => {
    const { count } = await tx.webhookEndpoint.updateMany({ where: { id: endpointId, disabledAt: null }, data: { disabledAt: now, circuitOpenUntil: null } });
    if (count === 0) return;
    // Deliveries being sent too: their outcome is then not written (the claim no longer holds),
    // and an expired claim would otherwise wait for ever for a sender that skips this endpoint.
    await tx.webhookDelivery.updateMany({ where: { endpointId, status: { in: ["pending", "sending"] } }, data: { status: "held", claimToken: null, leaseUntil: null } });
    const endpoint = await tx.webhookEndpoint.findUniqueOrThrow({ where: { id: endpointId }, select: { url: true, owner: { select: { email: true } } } });
    await tx.emailDelivery.create({
      data: {
        to: endpoint.owner.email,
        nextAttemptAt: now,
        ...renderPlainEmail({
          subject: "A webhook endpoint was disabled",
          body: `Deliveries to ${endpoint.url} failed for 24 hours without a single success (last: ${problem}), so it receives nothing more. Fix it, then enable it again in Settings → Webhooks; deliveries of the last 24 hours are sent then.`,
          path: "/settings/webhooks",
        }),
      },
    });
  });
}
