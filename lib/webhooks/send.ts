import "server-only";
import http from "node:http";
import https from "node:https";
import ipaddr from "ipaddr.js";
import { Webhook } from "standardwebhooks";
import { logger } from "../observability/logger";
import { ForbiddenTargetError, guardedLookup, mayConnect, urlProblem, type NetworkPolicy } from "./network";
import { webhookSecretKeys } from "./secret-keys";
import { decryptSecret, type SecretKeys } from "./secrets";

const timeoutMs = 10_000;
/** A target that does not even accept the connection in this long is given up on at once. */
export const connectTimeoutMs = 3_000;

class NoAnswerError extends Error {}

/**
 * What members read about a failed attempt (stored as the delivery's lastError): the outcome,
 * never a resolved address or a library's error text, which would map the deployment's network
 * for whoever registered the URL. The detail goes to the server log.
 */
export const attemptProblems = {
  notAllowed: "Target not allowed.",
  noAnswer: `No answer within ${timeoutMs / 1000} s.`,
  noConnection: "Could not connect.",
  unsignable: "Could not sign: rotate the endpoint's secret.",
} as const;

/**
 * A stored lastError as members may read it: rows written before attempts were described in fixed
 * words may still hold an address or a library's message, which are replaced on the way out.
 */
export function presentedProblem(stored: string | null): string | null {
  if (stored === null || Object.values(attemptProblems).includes(stored as never)) return stored;
  if (/^(Answered \d{3}\.|Redirected \(\d{3}\); redirects are not followed\.)$/.test(stored)) return stored;
  return stored.startsWith("Refused to connect") ? attemptProblems.notAllowed : attemptProblems.noConnection;
}

const statusProblem = (status: number) => (status >= 300 && status < 400 ? `Redirected (${status}); redirects are not followed.` : `Answered ${status}.`);

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
      reject(new ForbiddenTargetError(literal));
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
    const deadline = setTimeout(() => request.destroy(new NoAnswerError(attemptProblems.noAnswer)), timeoutMs);
    request.on("socket", (socket) => limitConnectTime(socket, () => request.destroy(new Error("Connection not accepted in time."))));
    request.on("error", (error) => {
      clearTimeout(deadline);
      reject(error);
    });
    request.end(body);
  });
}

/**
 * Calls `giveUp` when a socket still has not connected after connectTimeoutMs: a dead host costs
 * its delivery 3 s, not the whole 10 s deadline (which is for a target that accepted and is slow).
 */
export function limitConnectTime(socket: { connecting: boolean; once(event: "connect" | "close", listener: () => void): unknown }, giveUp: () => void, ms = connectTimeoutMs) {
  if (!socket.connecting) return;
  const timer = setTimeout(giveUp, ms);
  socket.once("connect", () => clearTimeout(timer));
  socket.once("close", () => clearTimeout(timer));
}

/** What the queue hands over for one attempt (see deliver.ts's claim). */
export interface OutgoingWebhook {
  id: string;
  url: string;
  payload: string;
  secretCiphertext: string;
  /** The secret before the last rotation: it signs too until previousSecretExpiresAt. */
  previousSecretCiphertext?: string | null;
  previousSecretExpiresAt?: Date | null;
}

/** One attempt's outcome: the response status, or null when none came; a problem unless 2xx. */
export interface WebhookAttempt {
  status: number | null;
  problem: string | null;
}

const problemOf = (error: unknown) =>
  error instanceof NoAnswerError
    ? attemptProblems.noAnswer
    : error instanceof ForbiddenTargetError || (error as { code?: unknown })?.code === "EFORBIDDENADDRESS"
      ? attemptProblems.notAllowed
      : attemptProblems.noConnection;

/**
 * The `webhook-signature` header: one `v1,` signature per secret in force. Standard Webhooks lets
 * it carry several, space-separated, so a receiver still on the previous secret keeps verifying
 * during the overlap after a rotation.
 */
export function signatures(delivery: OutgoingWebhook, sentAt: Date, keys: SecretKeys): string {
  const sign = (sealed: string) => new Webhook(decryptSecret(sealed, keys)).sign(delivery.id, sentAt, delivery.payload);
  const current = sign(delivery.secretCiphertext);
  const { previousSecretCiphertext: previous, previousSecretExpiresAt: until } = delivery;
  if (!previous || !until || until <= sentAt) return current;
  try {
    return `${current} ${sign(previous)}`;
  } catch {
    return current; // the previous secret is a courtesy: the current one alone still delivers
  }
}

/** Signs (Standard Webhooks) and POSTs one delivery; never throws. */
export async function sendWebhook(delivery: OutgoingWebhook, policy: NetworkPolicy, keys: SecretKeys = webhookSecretKeys()): Promise<WebhookAttempt> {
  // Checked again at each send: the URL was allowed under the policy of the day it was saved
  // (http:// outside production, say), which may not be today's.
  if (urlProblem(delivery.url, policy)) return { status: null, problem: attemptProblems.notAllowed };
  const sentAt = new Date();
  let signature: string;
  try {
    signature = signatures(delivery, sentAt, keys);
  } catch (error) {
    // A secret that no longer decrypts (the key changed) fails this delivery only.
    logger().warn({ webhookDelivery: delivery.id, error: String((error as Error).message) }, "A webhook secret does not decrypt");
    return { status: null, problem: attemptProblems.unsignable };
  }
  const headers = { "webhook-id": delivery.id, "webhook-timestamp": String(Math.floor(sentAt.getTime() / 1000)), "webhook-signature": signature };
  try {
    const status = await postSigned(delivery.url, delivery.payload, headers, policy);
    return { status, problem: status >= 200 && status <= 299 ? null : statusProblem(status) };
  } catch (error) {
    logger().info({ webhookDelivery: delivery.id, error: String((error as Error).message).slice(0, 500) }, "Webhook attempt failed");
    return { status: null, problem: problemOf(error) };
  }
}
