import type { AddressInfo } from "node:net";
import { simpleParser, type ParsedMail } from "mailparser";
import { SMTPServer } from "smtp-server";

/**
 * A real SMTP server on a loopback port (smtp-server, the library nodemailer's authors keep), that
 * keeps every message it accepts, parsed. `stop()` and `start()` again on the same port show what a
 * mail server outage does. With `delayMs`, a slow relay: the greeting and the answers to MAIL
 * FROM, RCPT TO and the end of DATA each come that long after they were due.
 */
export async function startSmtpServer(port = 0, options: { delayMs?: number } = {}) {
  const received: ParsedMail[] = [];
  const delayMs = options.delayMs ?? 0;
  const later = (callback: () => void) => (delayMs ? setTimeout(callback, delayMs) : callback());
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onConnect: (_session, callback) => later(() => callback()),
    onMailFrom: (_address, _session, callback) => later(() => callback()),
    onRcptTo: (_address, _session, callback) => later(() => callback()),
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then((mail) => received.push(mail))
        .then(
          () => later(() => callback()),
          (error: Error) => callback(error),
        );
    },
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  const actualPort = (server.server.address() as AddressInfo).port;
  return {
    port: actualPort,
    url: `smtp://127.0.0.1:${actualPort}`,
    received,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
