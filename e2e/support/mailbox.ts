import fs from "node:fs";
import path from "node:path";
import { expect } from "@playwright/test";

export interface ReceivedMail {
  to: string;
  subject: string;
  text: string;
}

const mailDir = () => {
  const dir = process.env.E2E_MAIL_DIR;
  if (!dir) throw new Error("E2E_MAIL_DIR is not set: the mailbox is started by e2e/support/serve-with-services.ts.");
  return dir;
};

function received(to: string, subject?: RegExp): ReceivedMail[] {
  return fs
    .readdirSync(mailDir())
    .filter((name) => name.endsWith(".json"))
    .sort()
    .map((name) => JSON.parse(fs.readFileSync(path.join(mailDir(), name), "utf8")) as ReceivedMail)
    .filter((mail) => mail.to.toLowerCase() === to.toLowerCase() && (!subject || subject.test(mail.subject)));
}

/** The newest message to `to` (whose subject matches), once the app's mail queue has sent it. */
export async function newestMail(to: string, subject?: RegExp, { after = 0 }: { after?: number } = {}): Promise<ReceivedMail> {
  let mail: ReceivedMail | undefined;
  await expect
    .poll(() => {
      const all = received(to, subject);
      mail = all.length > after ? all.at(-1) : undefined;
      return mail !== undefined;
    }, { message: `a mail to ${to}`, timeout: 30_000 })
    .toBe(true);
  return mail!;
}

/** How many messages `to` has received so far (to wait for the next one with `after`). */
export const mailCount = (to: string, subject?: RegExp) => received(to, subject).length;

/** The first link in a message: the one a person follows. */
export function firstLink(mail: ReceivedMail): string {
  const link = mail.text.match(/https?:\/\/\S+/)?.[0];
  expect(link, `a link in "${mail.subject}"`).toBeTruthy();
  return link!;
}
