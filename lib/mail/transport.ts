import "server-only";
import nodemailer, { type Transporter } from "nodemailer";
import { appUrl, env } from "../env";

export interface OutgoingEmail {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** The outbox row's id: the Message-ID is made from it, so a resend after a crash is the same message. */
  messageId?: string;
}

export type MailMode = "smtp" | "console" | "off";

/** SMTP when SMTP_URL is set; the console outside production without it (MAIL_CONSOLE); else off. */
export function mailMode(): MailMode {
  if (env().SMTP_URL) return "smtp";
  return env().MAIL_CONSOLE ? "console" : "off";
}

/**
 * A nodemailer transport for an SMTP URL, with timeouts so a server that hangs fails an attempt
 * (which the outbox retries) instead of holding the worker.
 */
export function smtpTransport(url: string): Transporter {
  return nodemailer.createTransport(url, { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 20_000 });
}

let configured: Transporter | undefined;

/** The right-hand side of Message-IDs (RFC 5322 §3.6.4): the sender's domain, else the app's host. */
function messageIdDomain(): string {
  const sender = /@([^>\s]+)>?\s*$/.exec(env().MAIL_FROM)?.[1];
  return sender ?? new URL(appUrl()).hostname;
}

/** Sends one message the configured way; throws when it could not be handed to the server. */
export async function sendEmail({ messageId, ...message }: OutgoingEmail, transport?: Transporter): Promise<void> {
  const from = env().MAIL_FROM;
  if (transport || mailMode() === "smtp") {
    const headers = messageId ? { messageId: `<${messageId}@${messageIdDomain()}>` } : {};
    await (transport ?? (configured ??= smtpTransport(env().SMTP_URL!))).sendMail({ from, ...message, ...headers });
    return;
  }
  if (mailMode() === "console") {
    // A console mail backend, as web frameworks have for development: the demo shows its links.
    console.log(`\n──── e-mail to ${message.to} ────\nFrom: ${from}\nSubject: ${message.subject}\n\n${message.text}\n────────────\n`);
  }
}
