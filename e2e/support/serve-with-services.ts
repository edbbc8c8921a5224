/**
 * The browser tests' server and what it talks to, all real and on loopback ports:
 * - an SMTP server that writes each message it accepts, parsed, as a JSON file into E2E_MAIL_DIR
 *   (where e2e/support/mailbox.ts reads it): people in the journeys follow links from their mail;
 * - an OpenID provider (e2e/support/identity-provider.ts) for single sign-on;
 * - `npm start`, sending its mail to the one and signing people in through the other.
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";
import { ssoClient, startIdentityProvider } from "./identity-provider";

const mailDir = process.env.E2E_MAIL_DIR;
if (!mailDir) throw new Error("E2E_MAIL_DIR must name the folder the mailbox writes to.");
fs.mkdirSync(mailDir, { recursive: true });

let count = 0;
const smtp = new SMTPServer({
  authOptional: true,
  disabledCommands: ["STARTTLS"],
  logger: false,
  onData(stream, _session, callback) {
    simpleParser(stream).then(
      (mail) => {
        const to = mail.to && !Array.isArray(mail.to) ? mail.to.text : "";
        const file = path.join(mailDir, `${Date.now()}-${String(++count).padStart(6, "0")}.json`);
        // Written whole, then renamed: a reader never sees half a message.
        fs.writeFileSync(`${file}.tmp`, JSON.stringify({ to, subject: mail.subject ?? "", text: mail.text ?? "" }));
        fs.renameSync(`${file}.tmp`, file);
        callback();
      },
      (error: Error) => callback(error),
    );
  },
});

const identityProvider = await startIdentityProvider(`http://localhost:${process.env.PORT ?? 3000}`);
smtp.listen(0, "127.0.0.1", () => {
  const { port } = smtp.server.address() as { port: number };
  const app = spawn(process.execPath, ["scripts/start.mjs"], {
    stdio: "inherit",
    env: { ...process.env, SMTP_URL: `smtp://127.0.0.1:${port}`, OIDC_ISSUER: identityProvider.issuer, OIDC_CLIENT_ID: ssoClient.id, OIDC_CLIENT_SECRET: ssoClient.secret, OIDC_NAME: "Test IdP" },
  });
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => app.kill(signal));
  app.on("exit", (code, signal) => {
    identityProvider.close();
    smtp.close(() => process.exit(code ?? (signal ? 1 : 0)));
  });
});
