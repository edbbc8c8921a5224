import "server-only";
import { deliveries } from "../observability/metrics";
import http from "node:http";
import https from "node:https";
import { Webhook } from "standardwebhooks";
import { authSecret } from "../auth/options";
import { database } from "../db/client";
import { deliveryBackoffMs, deliveryGivesUp, deliveryLeaseMs } from "../deliveries/retry";
import { renderPlainEmail } from "../mail/templates";
import ipaddr from "ipaddr.js";
import { guardedLookup, mayConnect, type NetworkPolicy } from "./network";
import { networkPolicy } from "./endpoints";
import { decryptSecret } from "./secrets";

const batchSize = 10;
const timeoutMs = 10_000;

interface Claimed {
  id: string;
  endpointId: string;
  payload: string;
  attempts: number;
  createdAt: Date;
  url: string;
  secretCiphertext: string;
}

/**
 * POSTs one signed body, following no redirect, within 10 s, connecting only where the policy
 * allows (checked on the addresses actually connected to). Resolves with the response status.
 */
export function postSigned(url: string, body: string, headers: Record<string, string>, policy: NetworkPolicy): Promise<number> {
  return new Promise((resolve, reject) => {
    const target = new URL(url);
    // An address written in the URL is connected to without a lookup: it is checked here instead.
    const literal = target.hostname.replace(/^\[|\]$/g, "");
    if (ipaddr.isValid(literal) && !mayConnect(literal, policy)) {
      reject(new Error(`Refused to connect to ${literal}: not a public address.`));
      return;
    }
    const client = target.protocol === "https:" ? https : http;
    const request = client.request(
      target,
      {
        method: "POST",
        headers: { ...headers, "content-type": "application/json", "content-length": Buffer.byteLength(body), "user-agent": "CruxRequests-Webhooks/1" },
        lookup: guardedLookup(policy),
      },
      (response) => {
        // Only the status counts: the body is not waited for, so a receiver that trickles it
        // cannot hold the worker.
        clearTimeout(deadline);
        resolve(response.statusCode ?? 0);
        request.destroy();
      },
    );
    // One deadline for the whole exchange, not an idle timeout a slow trickle could reset.
    const deadline = setTimeout(() => request.destroy(new Error(`No answer within ${timeoutMs / 1000} s.`)), timeoutMs);
    request.on("error", (error) => {
      clearTimeout(deadline);
      reject(error);
    });
    request.end(body);
  });
}

/** A delivery's outcome is written only while this worker's claim (its lockedAt) still holds. */
const stillOurs = (id: string, claimedAt: Date) => ({ id, status: "sending" as const, lockedAt: claimedAt });

/**
 * Sends the webhook deliveries that are due: at least once (a delivery being sent is retaken after
 * a lease if its worker died), signed per Standard Webhooks with the endpoint's secret. A 2xx is
 * delivered; anything else (a redirect included) is retried with backoff for 24 hours, after which
 * the delivery fails, the endpoint is disabled and its owner is e-mailed.
 */
export async function sendDueWebhooks(now = new Date(), policy: NetworkPolicy = networkPolicy()): Promise<{ delivered: number; failed: number }> {
  const { prisma } = database();
  const claimed = await prisma.$queryRaw<Claimed[]>`
    WITH due AS (
      SELECT d.id FROM "WebhookDelivery" d JOIN "WebhookEndpoint" e ON e.id = d."endpointId"
      WHERE e."disabledAt" IS NULL AND (
        (d.status = 'pending' AND d."nextAttemptAt" <= ${now}) OR (d.status = 'sending' AND d."lockedAt" < ${new Date(now.getTime() - deliveryLeaseMs)}))
      ORDER BY d."nextAttemptAt" LIMIT ${batchSize} FOR UPDATE OF d SKIP LOCKED)
    UPDATE "WebhookDelivery" d SET status = 'sending', "lockedAt" = ${now}, attempts = d.attempts + 1
    FROM due, "WebhookEndpoint" e WHERE d.id = due.id AND e.id = d."endpointId"
    RETURNING d.id, d."endpointId", d.payload, d.attempts, d."createdAt", e.url, e."secretCiphertext"`;
  let delivered = 0;
  let failed = 0;
  for (const delivery of claimed) {
    let status: number | null = null;
    let problem: string | null = null;
    try {
      // Inside the try: a secret that no longer decrypts (AUTH_SECRET changed) fails this delivery only.
      const signer = new Webhook(decryptSecret(delivery.secretCiphertext, authSecret()));
      const sentAt = new Date();
      const headers = {
        "webhook-id": delivery.id,
        "webhook-timestamp": String(Math.floor(sentAt.getTime() / 1000)),
        "webhook-signature": signer.sign(delivery.id, sentAt, delivery.payload),
      };
      status = await postSigned(delivery.url, delivery.payload, headers, policy);
      if (status < 200 || status > 299) problem = status >= 300 && status < 400 ? `Redirected (${status}); redirects are not followed.` : `Answered ${status}.`;
    } catch (error) {
      problem = String((error as Error).message).slice(0, 1000);
    }
    if (!problem) {
      await prisma.webhookDelivery.updateMany({ where: stillOurs(delivery.id, now), data: { status: "sent", deliveredAt: new Date(), responseStatus: status, lockedAt: null, lastError: null } });
      delivered++;
      deliveries().inc({ channel: "webhook", outcome: "sent" });
      continue;
    }
    failed++;
    const givesUp = deliveryGivesUp(delivery.createdAt, now);
    deliveries().inc({ channel: "webhook", outcome: givesUp ? "failed" : "retry" });
    await prisma.webhookDelivery.updateMany({
      where: stillOurs(delivery.id, now),
      data: { status: givesUp ? "failed" : "pending", nextAttemptAt: new Date(now.getTime() + deliveryBackoffMs(delivery.attempts)), responseStatus: status, lockedAt: null, lastError: problem },
    });
    if (givesUp) await disableEndpoint(delivery.endpointId, problem, now);
  }
  return { delivered, failed };
}

/** An endpoint that failed for a whole day stops receiving, and its owner is told by e-mail. */
async function disableEndpoint(endpointId: string, problem: string, now: Date) {
  const { prisma } = database();
  await prisma.$transaction(async (tx) => {
    const { count } = await tx.webhookEndpoint.updateMany({ where: { id: endpointId, disabledAt: null }, data: { disabledAt: now } });
    if (count === 0) return;
    const endpoint = await tx.webhookEndpoint.findUniqueOrThrow({ where: { id: endpointId }, select: { url: true, owner: { select: { email: true } } } });
    await tx.emailDelivery.create({
      data: {
        to: endpoint.owner.email,
        nextAttemptAt: now,
        ...renderPlainEmail({
          subject: "A webhook endpoint was disabled",
          body: `Deliveries to ${endpoint.url} failed for 24 hours (last: ${problem}), so it receives nothing more. Fix it, then rotate its secret in Settings → Webhooks to turn it back on.`,
          path: "/settings/webhooks",
        }),
      },
    });
  });
}
