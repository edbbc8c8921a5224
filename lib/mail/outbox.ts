import "server-only";
import type { Transporter } from "nodemailer";
import { database } from "../db/client";
import { Prisma } from "../generated/prisma/client";
import { deliveries } from "../observability/metrics";
import { claimMessages, clockFrom, dueCondition, releaseClaims, renewClaim, settleMessage, type Claimed } from "../outbox/outbox";
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
 * Sends one batch of the e-mails that are due (lib/outbox: claimed with a lease, outcome written
 * only while the claim holds, retried with backoff). Each message's lease is renewed right before
 * it is handed to SMTP, so a batch behind a slow relay never outlives its claim and another worker
 * never sends the same mail again; the stable Message-ID lets a mail client drop the duplicate that
 * a crash mid-send can still cause. A failing SMTP server only delays mail: the change that caused
 * it committed long before.
 */
export async function sendDueEmails(now = new Date(), transport?: Transporter, keepGoing: () => boolean = () => true): Promise<MailPass> {
  const candidates = Prisma.sql`SELECT id FROM "EmailDelivery" WHERE ${dueCondition(now)} ORDER BY "nextAttemptAt" LIMIT ${batchSize}`;
  const claims = await claimMessages("EmailDelivery", candidates, now);
  const pass: MailPass = { sent: 0, failed: 0, released: 0 };
  const clock = clockFrom(now);
  const queue = [...claims];
  const unsent: Claimed[] = [];
  const sendNext = async (): Promise<void> => {
    for (let claim; (claim = queue.shift()); ) {
      if (!keepGoing()) {
        unsent.push(claim);
        continue;
      }
      await sendOne(claim, transport, pass, clock);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, claims.length) }, sendNext));
  pass.released = await releaseClaims("EmailDelivery", unsent, clock());
  return pass;
}

async function sendOne(claim: Claimed, transport: Transporter | undefined, pass: MailPass, clock: () => Date) {
  if (!(await renewClaim("EmailDelivery", claim, clock()))) return; // taken over by another worker: theirs now
  const mail = await database().prisma.emailDelivery.findUnique({ where: { id: claim.id }, select: { to: true, subject: true, text: true, html: true } });
  if (!mail) return;
  let error: string | null = null;
  try {
    await sendEmail({ ...mail, messageId: claim.id }, transport);
  } catch (caught) {
    error = String((caught as Error).message);
  }
  const settled = await settleMessage("EmailDelivery", claim, error === null ? { sent: true } : { sent: false, error }, clock());
  if (settled === "lost") return;
  deliveries().inc({ channel: "email", outcome: settled });
  if (settled === "sent") pass.sent++;
  else pass.failed++;
}
