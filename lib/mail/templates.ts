import { appUrl } from "../env";

export interface EventMailContext {
  type: string;
  /** The supplier name (connection requests) or the data types (data requests). */
  subject: string;
  /** The requesting organization, for admins. */
  organization?: string;
  message: string | null;
  path: string;
}

const escape = (text: string) =>
  text.replace(/[&<>"']/g, (char) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[char]!);

const lines: Record<string, (c: EventMailContext) => { title: string; body: string }> = {
  "connection_request.submitted": (c) => ({ title: `New connection request: ${c.organization} → ${c.subject}`, body: `${c.organization} asks to be connected with ${c.subject}. It is pending your review.` }),
  "connection_request.resubmitted": (c) => ({ title: `Resubmitted for review: ${c.organization} → ${c.subject}`, body: `${c.organization} edited its request to connect with ${c.subject} and sent it back for review. It is pending again.` }),
  "connection_request.changes_requested": (c) => ({ title: `Changes requested: ${c.subject}`, body: `The platform admins sent your request to connect with ${c.subject} back for changes. Edit it and resubmit it for review.` }),
  "connection_request.approved": (c) => ({ title: `Approved: ${c.subject}`, body: `Your request to connect with ${c.subject} was approved.` }),
  "connection_request.rejected": (c) => ({ title: `Rejected: ${c.subject}`, body: `Your request to connect with ${c.subject} was rejected.` }),
  "data_request.completed": (c) => ({ title: "Your copy of your data is ready", body: `The copy you asked for (${c.subject}) is ready to download.` }),
  "data_request.failed": (c) => ({ title: "We could not build your copy", body: `We could not build the copy you asked for (${c.subject}). The admins can retry it; you can also file a new request.` }),
  "data_request.expiring": (c) => ({ title: "Your download expires soon", body: `The copy of your data (${c.subject}) will be deleted soon. Download it before then.` }),
  "data_request.expired": (c) => ({ title: "Your download has expired", body: `The copy of your data (${c.subject}) has expired and was deleted. You can file a new request.` }),
};

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
  const { title, body } = (lines[context.type] ?? (() => ({ title: context.type, body: context.type })))(context);
  return renderPlainEmail({ subject: title, body, message: context.message, path: context.path });
}
