import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { actorForApiToken } from "@/lib/auth/api-tokens";
import { submitConnectionRequest } from "@/lib/connection-requests/commands";
import { decideConnectionRequest } from "@/lib/connection-requests/decisions";
import { db } from "@/lib/db/client";
import { fanOutEvents } from "@/lib/events/fanout";
import { createConnectionRequestSchema } from "@/lib/schemas/connection-requests";
import { person, unique, validRequest, type Person } from "@/tests/support/fixtures";
import { startSmtpServer } from "@/tests/support/smtp";
import { outboxGiveUpAfterMs as deliveryGiveUpAfterMs } from "@/lib/outbox/outbox";
import { mailQueue, sendDueEmails } from "./outbox";
import { smtpTransport } from "./transport";

const actorOf = async (who: Person) => (await actorForApiToken(who.token))!;

async function sendBack(retailer: Person, admin: Person, message: string) {
  const supplier = `Supplier ${unique()}`;
  const input = createConnectionRequestSchema.parse({ ...validRequest, organization_name: supplier });
  const { body } = await submitConnectionRequest(await actorOf(retailer), input);
  const id = (body as { request_uuid: string }).request_uuid;
  await decideConnectionRequest(await actorOf(admin), id, { kind: "request_changes", message });
  while ((await fanOutEvents(new Date(), { email: true })).fannedOut > 0);
  return { id, supplier };
}

describe("e-mail through a real SMTP server", () => {
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  beforeAll(async () => {
    smtp = await startSmtpServer();
  });
  afterAll(async () => {
    await smtp.stop();
  });

  it("tells the requester what to change, naming the request and linking to it, in text and HTML", async () => {
    const [retailer, admin] = [await person(), await person({ admin: true })];
    const { id, supplier } = await sendBack(retailer, admin, "Add the <account> number & a phone.");
    const transport = smtpTransport(smtp.url);
    while ((await sendDueEmails(new Date(), transport)).sent > 0);

    const mail = smtp.received.find((message) => message.subject === `Changes requested: ${supplier}`)!;
    expect(mail).toBeDefined();
    expect(mail.to).toMatchObject({ text: retailer.email });
    expect(mail.from?.text).toContain("no-reply@localhost");
    expect(mail.text).toContain(`The platform admins sent your request to connect with ${supplier} back for changes.`);
    expect(mail.text).toContain("Message: “Add the <account> number & a phone.”");
    expect(mail.text).toContain(`Open it: http://localhost:3000/connections/${id}`);
    expect(mail.html).toContain("“Add the &lt;account&gt; number &amp; a phone.”");
    expect(mail.html).toContain(`href="http://localhost:3000/connections/${id}"`);
    // The admins were told of the submission, with the admin's link.
    const toAdmin = smtp.received.find((message) => message.subject?.startsWith("New connection request:") && message.subject.endsWith(supplier));
    expect(toAdmin?.text).toContain(`/admin/approvals/${id}`);
    expect(await db.emailDelivery.count({ where: { event: { connectionRequestId: id }, status: { not: "sent" } } })).toBe(0);
  });

  it("keeps a message through an SMTP outage and sends it once the server is back, never more than once", async () => {
    const [retailer, admin] = [await person(), await person({ admin: true })];
    const { supplier } = await sendBack(retailer, admin, "Outage test.");
    const down = await startSmtpServer();
    await down.stop(); // a port where nothing listens
    const now = new Date();
    const first = await sendDueEmails(now, smtpTransport(down.url));
    expect(first.sent).toBe(0);
    const waiting = await db.emailDelivery.findFirstOrThrow({ where: { to: retailer.email } });
    expect(waiting).toMatchObject({ status: "pending", attempts: 1 });
    expect(waiting.lastError).toMatch(/ECONNREFUSED|connect/i);
    expect(waiting.nextAttemptAt.getTime()).toBeGreaterThan(now.getTime());
    expect((await sendDueEmails(now, smtpTransport(smtp.url))).sent).toBe(0); // not before its backoff

    const later = new Date(waiting.nextAttemptAt.getTime() + 1);
    while ((await sendDueEmails(later, smtpTransport(smtp.url))).sent > 0);
    expect(smtp.received.filter((message) => message.subject === `Changes requested: ${supplier}` && message.to && "text" in message.to && message.to.text === retailer.email)).toHaveLength(1);
    expect(await db.emailDelivery.findFirstOrThrow({ where: { to: retailer.email } })).toMatchObject({ status: "sent", attempts: 2 });
  });

  it("gives up after a day of failures and says why", async () => {
    const [retailer, admin] = [await person(), await person({ admin: true })];
    await sendBack(retailer, admin, "Give up test.");
    const down = await startSmtpServer();
    await down.stop();
    const mail = await db.emailDelivery.findFirstOrThrow({ where: { to: retailer.email } });
    await sendDueEmails(new Date(mail.createdAt.getTime() + deliveryGiveUpAfterMs), smtpTransport(down.url));
    expect(await db.emailDelivery.findUniqueOrThrow({ where: { id: mail.id } })).toMatchObject({ status: "failed", attempts: 1 });
  });

  it("gives every mail a stable Message-ID, and renews each one's claim before a slow relay gets it", async () => {
    const slow = await startSmtpServer(0, { delayMs: 300 });
    try {
      const mails = await Promise.all(
        [1, 2, 3].map((n) => db.emailDelivery.create({ data: { to: `slow-${n}-${unique()}@example.com`, subject: `Slow ${n}`, text: "t", html: "<p>t</p>" } })),
      );
      const ids = new Set(mails.map((mail) => mail.id));
      const pass = await sendDueEmails(new Date(), smtpTransport(slow.url));
      expect(pass.sent).toBeGreaterThanOrEqual(3);
      const mine = slow.received.filter((message) => message.subject?.startsWith("Slow "));
      expect(mine.map((message) => message.messageId).sort()).toEqual([...ids].map((id) => `<${id}@localhost>`).sort());
      for (const mail of mails) expect(await db.emailDelivery.findUniqueOrThrow({ where: { id: mail.id } })).toMatchObject({ status: "sent", attempts: 1 });
    } finally {
      await slow.stop();
    }
  });

  it("sends each mail once when two workers share a relay slower than the lease", async () => {
    // Each mail takes the relay over a second (four answers 300 ms late); the lease is 400 ms. A
    // worker that did not renew its claims would see the other's run out and send those mails again.
    const slow = await startSmtpServer(0, { delayMs: 300 });
    await db.emailDelivery.updateMany({ where: { status: "pending" }, data: { status: "sent" } }); // only this test's mails are due
    try {
      const mails = await Promise.all(
        [1, 2, 3, 4, 5, 6].map((n) => db.emailDelivery.create({ data: { to: `lease-${n}-${unique()}@example.com`, subject: `Lease ${n}`, text: "t", html: "<p>t</p>" } })),
      );
      const workers = [mailQueue(smtpTransport(slow.url), { leaseMs: 400 }), mailQueue(smtpTransport(slow.url), { leaseMs: 400 })];
      const until = Date.now() + 6_000;
      const sent = async (id: string) => (await db.emailDelivery.findUniqueOrThrow({ where: { id } })).status === "sent";
      await Promise.all(
        workers.map(async (worker) => {
          while (Date.now() < until && !(await Promise.all(mails.map((mail) => sent(mail.id)))).every(Boolean)) {
            await worker.pass(new Date());
            await new Promise((resolve) => setTimeout(resolve, 50));
          }
        }),
      );
      const received = slow.received.filter((message) => message.subject?.startsWith("Lease "));
      expect(received.map((message) => message.messageId).sort()).toEqual(mails.map((mail) => `<${mail.id}@localhost>`).sort());
      // A mail still waiting in one worker's batch when its lease ran out may be claimed by the
      // other; the first then skips it, so it is still sent once.
      for (const mail of mails) expect(await db.emailDelivery.findUniqueOrThrow({ where: { id: mail.id } })).toMatchObject({ status: "sent" });
    } finally {
      await slow.stop();
    }
  });

  it("gives back, attempt not counted, the claims a stopping worker had not handed to SMTP yet", async () => {
    const slow = await startSmtpServer(0, { delayMs: 1_000 });
    await db.emailDelivery.updateMany({ where: { status: "pending" }, data: { status: "sent" } }); // only this test's mails are due
    try {
      const mails = await Promise.all(
        [1, 2, 3, 4, 5, 6].map((n) => db.emailDelivery.create({ data: { to: `stop-${n}-${unique()}@example.com`, subject: `Stop ${n}`, text: "t", html: "<p>t</p>" } })),
      );
      const queue = mailQueue(smtpTransport(slow.url));
      let going = true;
      const pass = queue.pass(new Date(), () => going);
      await new Promise((resolve) => setTimeout(resolve, 300)); // four are with the relay by now
      going = false;
      const released = await queue.release();
      expect(released).toBeGreaterThanOrEqual(2);
      await pass;
      const rows = await db.emailDelivery.findMany({ where: { id: { in: mails.map((mail) => mail.id) } } });
      expect(rows.filter((row) => row.status === "pending" && row.attempts === 0 && row.claimToken === null)).toHaveLength(released);
      expect(rows.filter((row) => row.status === "sent")).toHaveLength(rows.length - released);
    } finally {
      await slow.stop();
    }
  });
});
