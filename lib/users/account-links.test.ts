import { afterAll, describe, expect, it, vi } from "vitest";
import { verifyCredentials } from "@/lib/auth/options";
import { actorForSession, createUserSession } from "@/lib/auth/sessions";
import { db } from "@/lib/db/client";
import { sendDueEmails } from "@/lib/mail/outbox";
import { registerSchema } from "@/lib/schemas/users";
import { unique } from "@/tests/support/fixtures";
import { startSmtpServer } from "@/tests/support/smtp";
import { linkLifetimeMs } from "./account-links";
import { createAccount } from "./accounts";
import { requestPasswordReset, resetPassword } from "./recovery";
import { confirmEmail, registerAccount } from "./registration";

// This file's process sends its mail through a real SMTP server, so e-mail is "available". The
// environment is read when the modules load, before any server could tell its port: one is chosen.
const smtpPort = vi.hoisted(() => {
  const port = 20_000 + Math.floor(Math.random() * 20_000);
  process.env.SMTP_URL = `smtp://127.0.0.1:${port}`;
  return port;
});
const smtp = await startSmtpServer(smtpPort);
afterAll(() => smtp.stop());

const address = () => `10.40.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;
const headers = () => new Headers({ "x-portal-client-address": address() });
const input = (email: string) => registerSchema.parse({ email, password: "a long enough password", firstName: "Reg", lastName: "" });

/** Sends what is queued and returns the newest message to `to`, with the link it carries. */
async function lastMailTo(to: string) {
  while ((await sendDueEmails()).sent > 0);
  const mail = smtp.received.filter((message) => message.to && "text" in message.to && message.to.text === to).at(-1);
  const link = mail?.text?.match(/Open it: (\S+)/)?.[1];
  return { mail, token: link ? new URL(link).searchParams.get("token") : null };
}

describe("registration with e-mail", () => {
  it("waits for the address to be confirmed by a link that works once", async () => {
    const email = `new-${unique()}@example.com`;
    expect(await registerAccount(input(email), address())).toBe("check-email");
    const { mail, token } = await lastMailTo(email);
    expect(mail?.subject).toBe("Confirm your e-mail address");
    expect(mail?.text).toContain("http://localhost:3000/verify-email?token=");
    await expect(verifyCredentials({ email, password: "a long enough password" }, headers())).rejects.toMatchObject({ status: 401 });

    await confirmEmail(token!);
    expect(await verifyCredentials({ email, password: "a long enough password" }, headers())).toMatchObject({ email });
    await expect(confirmEmail(token!)).rejects.toMatchObject({ status: 400 });
  });

  it("does not tell whether an address has an account: the owner gets a note instead", async () => {
    const email = `taken-${unique()}@example.com`;
    await createAccount(db, input(email), { joinExisting: false });
    expect(await registerAccount(input(email), address())).toBe("check-email");
    expect(await db.user.count({ where: { email } })).toBe(1);
    const { mail } = await lastMailTo(email);
    expect(mail?.subject).toBe("You already have an account");
  });

  it("refuses a confirmation link after 24 hours", async () => {
    const email = `late-${unique()}@example.com`;
    await registerAccount(input(email), address());
    const { token } = await lastMailTo(email);
    await expect(confirmEmail(token!, new Date(Date.now() + linkLifetimeMs.verify_email + 1000))).rejects.toMatchObject({ status: 400 });
    expect((await db.user.findUniqueOrThrow({ where: { email } })).emailVerifiedAt).toBeNull();
  });
});

describe("forgotten passwords", () => {
  it("a reset link sets the new password once, within an hour, and signs every session out", async () => {
    const email = `forgot-${unique()}@example.com`;
    const account = await createAccount(db, input(email), { joinExisting: false });
    const session = await createUserSession(account.id);
    await requestPasswordReset(email, address());
    const older = (await lastMailTo(email)).token;
    await requestPasswordReset(email, address());
    const { mail, token } = await lastMailTo(email);
    expect(mail?.subject).toBe("Choose a new password");
    expect(token).not.toBe(older);
    await expect(resetPassword(token!, "another long password", address(), new Date(Date.now() + linkLifetimeMs.reset_password + 1000))).rejects.toMatchObject({ status: 400 });

    await resetPassword(token!, "another long password", address());
    expect(await actorForSession(session)).toBeNull();
    expect(await verifyCredentials({ email, password: "a long enough password" }, headers())).toBeNull();
    expect(await verifyCredentials({ email, password: "another long password" }, headers())).toMatchObject({ email });
    await expect(resetPassword(token!, "a third long password", address())).rejects.toMatchObject({ status: 400 });
    await expect(resetPassword(older!, "a third long password", address())).rejects.toMatchObject({ status: 400 }); // the older mail died with it
  });

  it("answers the same for an unknown address, and mails nothing", async () => {
    const email = `nobody-${unique()}@example.com`;
    await expect(requestPasswordReset(email, address())).resolves.toBeUndefined();
    expect((await lastMailTo(email)).mail).toBeUndefined();
  });
});
