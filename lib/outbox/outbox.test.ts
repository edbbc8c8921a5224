import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import { unique } from "@/tests/support/fixtures";
import { claimMessages, dueCondition, releaseClaims, renewClaim, settleMessage } from "./outbox";

const minute = 60_000;
const queueMail = async (createdAt = new Date()) =>
  db.emailDelivery.create({ data: { to: `o-${unique()}@example.com`, subject: "s", text: "t", html: "h", nextAttemptAt: createdAt, createdAt } });
const candidate = (id: string, now: Date) => Prisma.sql`SELECT id FROM "EmailDelivery" WHERE id = ${id}::uuid AND ${dueCondition(now)}`;

describe("the outbox", () => {
  it("lets one worker claim a message; a second finds nothing until the first one's lease runs out", async () => {
    const mail = await queueMail();
    const now = new Date();
    const [first, second] = await Promise.all([claimMessages("EmailDelivery", candidate(mail.id, now), now), claimMessages("EmailDelivery", candidate(mail.id, now), now)]);
    expect(first.length + second.length).toBe(1);
    expect(await claimMessages("EmailDelivery", candidate(mail.id, new Date(now.getTime() + minute)), new Date(now.getTime() + minute))).toHaveLength(0);
    const retaken = await claimMessages("EmailDelivery", candidate(mail.id, new Date(now.getTime() + 3 * minute)), new Date(now.getTime() + 3 * minute));
    expect(retaken).toHaveLength(1);
    expect(retaken[0]!.attempts).toBe(2);
  });

  it("writes an outcome only while the claim holds: a worker that lost its claim skips the message and changes nothing", async () => {
    const mail = await queueMail();
    const now = new Date();
    const [slow] = await claimMessages("EmailDelivery", candidate(mail.id, now), now, minute);
    const later = new Date(now.getTime() + 2 * minute);
    const [fresh] = await claimMessages("EmailDelivery", candidate(mail.id, later), later, minute);
    expect(fresh).toBeDefined();

    expect(await renewClaim("EmailDelivery", slow!, later)).toBe(false); // the slow worker skips it
    expect(await settleMessage("EmailDelivery", slow!, { sent: false, error: "late" }, later)).toBe("lost");
    expect(await releaseClaims("EmailDelivery", [slow!], later)).toBe(0);
    expect(await db.emailDelivery.findUniqueOrThrow({ where: { id: mail.id } })).toMatchObject({ status: "sending", lastError: null, claimToken: fresh!.claimToken });

    expect(await renewClaim("EmailDelivery", fresh!, later)).toBe(true);
    expect(await settleMessage("EmailDelivery", fresh!, { sent: true }, later)).toBe("sent");
    expect(await db.emailDelivery.findUniqueOrThrow({ where: { id: mail.id } })).toMatchObject({ status: "sent", claimToken: null, leaseUntil: null });
  });

  it("backs off after a failure, fails for good after a day, and gives claims back on shutdown without counting them", async () => {
    const now = new Date();
    const retried = await queueMail(now);
    const [claim] = await claimMessages("EmailDelivery", candidate(retried.id, now), now);
    expect(await settleMessage("EmailDelivery", claim!, { sent: false, error: "451 try later" }, now)).toBe("retry");
    const waiting = await db.emailDelivery.findUniqueOrThrow({ where: { id: retried.id } });
    expect(waiting).toMatchObject({ status: "pending", attempts: 1, lastError: "451 try later" });
    expect(waiting.nextAttemptAt.getTime()).toBe(now.getTime() + 30_000);

    const old = await queueMail(new Date(now.getTime() - 25 * 60 * minute));
    const [oldClaim] = await claimMessages("EmailDelivery", candidate(old.id, now), now);
    expect(await settleMessage("EmailDelivery", oldClaim!, { sent: false, error: "550 no such user" }, now)).toBe("failed");

    const interrupted = await queueMail(now);
    const [held] = await claimMessages("EmailDelivery", candidate(interrupted.id, now), now);
    expect(await releaseClaims("EmailDelivery", [held!], now)).toBe(1);
    expect(await db.emailDelivery.findUniqueOrThrow({ where: { id: interrupted.id } })).toMatchObject({ status: "pending", attempts: 0, claimToken: null });
  });
});
