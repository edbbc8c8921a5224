import "server-only";
import type { Transporter } from "nodemailer";
import { database } from "../db/client";
import { Prisma } from "../generated/prisma/client";
import { logger } from "../observability/logger";
import { deliveries } from "../observability/metrics";
import { claimMessages, clockFrom, dueCondition, outboxLeaseMs, releaseClaims, renewClaim, settleMessage, type Claimed } from "../outbox/outbox";
import { sendEmail } from "./transport";

const batchSize = 10;
/** Mails handed to the SMTP server at once: a slow relay then delays a batch by one message's time, not ten. */
const concurrency = 4;

export interface MailPass {
  sent: number;
  failed: number;
  /** Claims given back because the worker was stopping before it could send them. */
  released: number;
}

/**
 * The e-mail queue of one worker (lib/outbox: claimed with a lease, outcome written only while
 * the claim holds, retried with backoff). A message's lease is renewed right before it is handed
 * to SMTP and then every 30 s until the server has taken it, so however slow the relay, the claim
 * never runs out mid-send and no other worker sends the mail again. The stable Message-ID lets a
 * mail client recognise the one duplicate a crash mid-send can still cause. A failing SMTP server
 * only delays mail: the change that caused it committed long before.
 */
export function mailQueue(transport?: Transporter, { leaseMs = outboxLeaseMs }: { leaseMs?: number } = {}) {
  /** Claims of this worker not yet handed to SMTP: what `release` gives back when it stops. */
  const notStarted = new Set<Claimed>();

  async function sendOne(claim: Claimed, pass: MailPass, clock: () => Date) {
    if (!(await renewClaim("EmailDelivery", claim, clock(), leaseMs))) return; // taken over by another worker: theirs now
    const mail = await database().prisma.emailDelivery.findUnique({ where: { id: claim.id }, select: { to: true, subject: true, text: true, html: true } });
    if (!mail) return;
    const renewal = setInterval(() => {
      renewClaim("EmailDelivery", claim, clock(), leaseMs).catch((error: unknown) => logger().warn({ err: error, emailDelivery: claim.id }, "could not renew an e-mail's claim"));
    }, leaseMs / 4);
    renewal.unref();
    let error: string | null = null;
    try {
      await sendEmail({ ...mail, messageId: claim.id }, transport);
    } catch (caught) {
      error = String((caught as Error).message);
    } finally {
      clearInterval(renewal);
    }
    const settled = await settleMessage("EmailDelivery", claim, error === null ? { sent: true } : { sent: false, error }, clock());
    if (settled === "lost") return;
    deliveries().inc({ channel: "email", outcome: settled });
    if (settled === "sent") pass.sent++;
    else pass.failed++;
  }

  return {
    /** Sends one batch of what is due, four at a time; starts no message once `keepGoing` says stop. */
    async pass(now = new Date(), keepGoing: () => boolean = () => true): Promise<MailPass> {
      const candidates = Prisma.sql`SELECT id FROM "EmailDelivery" WHERE ${dueCondition(now)} ORDER BY "nextAttemptAt" LIMIT ${batchSize}`;
      const claims = await claimMessages("EmailDelivery", candidates, now, leaseMs);
      claims.forEach((claim) => notStarted.add(claim));
      const pass: MailPass = { sent: 0, failed: 0, released: 0 };
      const clock = clockFrom(now);
      const queue = [...claims];
      const worker = async () => {
        for (let claim; keepGoing() && (claim = queue.shift()); ) {
          notStarted.delete(claim);
          await sendOne(claim, pass, clock);
        }
      };
      await Promise.all(Array.from({ length: Math.min(concurrency, claims.length) }, worker));
      pass.released = await releaseClaims("EmailDelivery", queue, clock());
      queue.forEach((claim) => notStarted.delete(claim));
      return pass;
    },
    /** Gives back the claims not yet handed to SMTP (the process is stopping). */
    async release(): Promise<number> {
      const claims = [...notStarted];
      notStarted.clear();
      return releaseClaims("EmailDelivery", claims);
    },
  };
}

/** Sends one batch of the e-mails that are due and waits for it: for tests and one-off runs. */
export function sendDueEmails(now = new Date(), transport?: Transporter, keepGoing: () => boolean = () => true): Promise<MailPass> {
  return mailQueue(transport).pass(now, keepGoing);
}
