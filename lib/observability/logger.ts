import os from "node:os";
import pino from "pino";
import { env } from "../env";

/**
 * The app's JSON logger (pino, one line per entry on stdout). One instance per process, shared
 * by the server script and the Next.js bundle through globalThis: both load this file.
 */
const key = Symbol.for("crux-portal.logger");
const holder = globalThis as { [key]?: pino.Logger };

export function logger(): pino.Logger {
  holder[key] ??= pino({
    level: env().LOG_LEVEL,
    base: { instance: `${os.hostname()}/${process.pid}` },
    timestamp: pino.stdTimeFunctions.isoTime,
    // Belt and braces: nothing logs these, and if something ever does, they are blanked.
    redact: { paths: ["authorization", "cookie", "password", "token", "*.authorization", "*.cookie", "*.password", "*.token"], censor: "[redacted]" },
  });
  return holder[key];
}
