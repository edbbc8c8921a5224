import "server-only";
import { deliveries } from "../observability/metrics";
import type { Transporter } from "nodemailer";
import { database } from "../db/client";
import { deliveryBackoffMs, deliveryGivesUp, deliveryLeaseMs } from "../deliveries/retry";
import { sendEmail } from "./transport";

const batchSize = 10;

interface Claimed {
  id: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  attempts: number;
  createdAt: Date;
}

/**
 * Sends the e-mails that are due. Each is claimed first (SKIP LOCKED, so instances share the work),
 * then sent outside any transaction, then marked sent, or put back with a backoff
 * (lib/deliveries/retry.ts). A failing SMTP server only delays mail: the change that caused it
 * committed long before.
 */
export async function sendDueEmails(now = new Date(), transport?: Transporter): Promise<{ sent: number; failed: number }> {
  const { prisma } = database();
  const claimed = await prisma.$queryRaw<Claimed[]>`
    UPDATE "EmailDelivery" SET status = 'sending', "lockedAt" = ${now}, attempts = attempts + 1
    WHERE id IN (
      SELECT id FROM "EmailDelivery"
      WHERE (status = 'pending' AND "nextAttemptAt" <= ${now}) OR (status = 'sending' AND "lockedAt" < ${new Date(now.getTime() - deliveryLeaseMs)})
      ORDER BY "nextAttemptAt" LIMIT ${batchSize} FOR UPDATE SKIP LOCKED)
    RETURNING id, "to", subject, text, html, attempts, "createdAt"`;
  let sent = 0;
  let failed = 0;
  for (const mail of claimed) {
    try {
      await sendEmail({ to: mail.to, subject: mail.subject, text: mail.text, html: mail.html }, transport);
      // Written only while this worker's claim holds: a slow batch retaken by another instance is not overwritten.
      await prisma.emailDelivery.updateMany({ where: { id: mail.id, status: "sending", lockedAt: now }, data: { status: "sent", sentAt: new Date(), lockedAt: null, lastError: null } });
      sent++;
      deliveries().inc({ channel: "email", outcome: "sent" });
    } catch (error) {
      const givesUp = deliveryGivesUp(mail.createdAt, now);
      deliveries().inc({ channel: "email", outcome: givesUp ? "failed" : "retry" });
      await prisma.emailDelivery.updateMany({
        where: { id: mail.id, status: "sending", lockedAt: now },
        data: {
          status: givesUp ? "failed" : "pending",
          nextAttemptAt: new Date(now.getTime() + deliveryBackoffMs(mail.attempts)),
          lockedAt: null,
          lastError: String((error as Error).message).slice(0, 1000),
        },
      });
      failed++;
    }
  }
  return { sent, failed };
}
