import { eventSpec, type MailContext } from "../events/catalogue";
import { appUrl } from "../env";

export interface EventMailContext extends MailContext {
  type: string;
  message: string | null;
  path: string;
}

const escape = (text: string) =>
  text.replace(/[&<>"']/g, (char) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[char]!);

/** A message in both forms: the sentence, an optional quoted message, and a link into the portal. */
export function renderPlainEmail({ subject, body, message = null, path }: { subject: string; body: string; message?: string | null; path: string }) {
  const link = new URL(path, appUrl()).toString();
  const quote = message ? `“${message}”` : null;
  const text = [body, ...(quote ? ["", `Message: ${quote}`] : []), "", `Open it: ${link}`, "", "— Crux Requests"].join("\n");
  const html = [
    `<p>${escape(body)}</p>`,
    ...(quote ? [`<blockquote style="border-left:3px solid #1d5fd1;margin:0;padding-left:12px">${escape(quote)}</blockquote>`] : []),
    `<p><a href="${escape(link)}">Open it in the portal</a></p>`,
    "<p>— Crux Requests</p>",
  ].join("\n");
  return { subject, text, html };
}

/** The plain-text and HTML bodies of an event's e-mail: the request, its state, the message, a link. */
export function renderEventEmail(context: EventMailContext) {
  const { title, body } = eventSpec(context.type)?.mail?.(context) ?? { title: context.type, body: context.type };
  return renderPlainEmail({ subject: title, body, message: context.message, path: context.path });
}
