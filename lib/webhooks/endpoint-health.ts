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

/**
 * Writes one attempt into its endpoint's health: a success closes the circuit and ends the
 * failing streak; no answer at all counts towards opening the circuit; any failure starts (or
 * continues) the streak that disables the endpoint after a day without a success.
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
  const [row] = await prisma.$queryRaw<{ failingSince: Date }[]>`
    UPDATE "WebhookEndpoint" SET
      "failingSince" = COALESCE("failingSince", ${now}),
      "consecutiveFailures" = CASE WHEN ${attempt.unreachable}::boolean THEN "consecutiveFailures" + 1 ELSE "consecutiveFailures" END,
      "circuitOpenUntil" = CASE WHEN ${attempt.unreachable}::boolean AND "consecutiveFailures" + 1 >= ${circuitThreshold}::int
        THEN ${now}::timestamptz + make_interval(secs => LEAST(600, 30 * power(2, GREATEST(0, "consecutiveFailures" + 1 - ${circuitThreshold}::int)))) ELSE "circuitOpenUntil" END
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
    await tx.webhookDelivery.updateMany({ where: { endpointId, status: "pending" }, data: { status: "held" } });
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
