/**
 * `npm start` (bundled by `npm run build`, run by scripts/start.mjs once it found the build
 * current): checks the environment, then runs the server (scripts/server.ts), which migrates the
 * database (embedded unless DATABASE_URL is set), loads demo data into an empty one when asked,
 * and serves; prints where once it answers. `npm run dev` runs this file with `--dev`: `next dev`.
 * It imports nothing that loads a database driver: the server does that, once.
 */
import { spawn } from "node:child_process";
import path from "node:path";
import { resolveAuthSecret } from "../lib/auth/secret";
import { describeDatabase } from "../lib/db/describe";
import { appUrl, dataDir, env, EnvError, requireAppUrl } from "../lib/env";
import { demoAccounts, demoPassword } from "../lib/seed/demo-accounts";
import { connectionsPerProcess, describeCapacity, serverProcesses } from "../lib/server/capacity";
import { serverArguments } from "./server-arguments";

const dev = process.argv.includes("--dev");
// Next.js telemetry is opt-out; a portal's start should not phone home.
process.env.NEXT_TELEMETRY_DISABLED ??= "1";
const root = path.resolve(import.meta.dirname, "..");

function fail(message: string): never {
  console.error(`\n✖ ${message}\n`);
  process.exit(1);
}

async function main() {
  const config = env();
  const secret = resolveAuthSecret({
    secret: config.AUTH_SECRET,
    production: config.NODE_ENV === "production",
    dataDir: dataDir(),
  });
  requireAppUrl(config, config.NODE_ENV === "production");

  if (config.SEED_DEMO && config.NODE_ENV === "production") {
    console.warn(
      `\n⚠ SEED_DEMO=1 with NODE_ENV=production: an empty database gets demo accounts whose password ("${demoPassword}")\n` +
        "  is published, one of them a platform admin. Never do this on a server people can reach.\n",
    );
  }

  const url = appUrl();
  // Without SMTP_URL, mail goes to this console outside production (the demo shows its links), and
  // nowhere in production; MAIL_CONSOLE=0 turns it off outside production too.
  const mailToConsole = !config.SMTP_URL && (process.env.MAIL_CONSOLE ? config.MAIL_CONSOLE : config.NODE_ENV !== "production");
  const server = spawn(process.execPath, dev ? ["--import", "tsx", path.join(root, "scripts", "server.ts"), "--dev"] : serverArguments(root), {
    cwd: root,
    stdio: ["ignore", "inherit", "inherit"],
    env: {
      ...process.env,
      AUTH_SECRET: secret,
      NEXTAUTH_URL: url,
      PORT: String(config.PORT),
      NODE_ENV: dev ? "development" : "production",
      APP_ENV: config.NODE_ENV,
      ...(mailToConsole ? { MAIL_CONSOLE: "1" } : {}),
    },
  });
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => server.kill(signal));
  server.on("exit", (code) => process.exit(code ?? 0));

  await waitUntilHealthy(`http://127.0.0.1:${config.PORT}/api/health`);
  console.log(`\n  Portal:   ${url}`);
  // The same count and share scripts/server.ts works out for itself.
  const processes = serverProcesses({ dev, embedded: !config.DATABASE_URL, webConcurrency: config.WEB_CONCURRENCY });
  const connections = config.DATABASE_URL ? connectionsPerProcess(config.DATABASE_POOL_MAX, processes) : 1; // PGlite has one
  console.log(`  Database: ${describeDatabase()}, ${describeCapacity(processes, connections)}`);
  console.log(
    `  E-mail:   ${config.SMTP_URL ? `SMTP ${new URL(config.SMTP_URL).host}, from ${config.MAIL_FROM}` : mailToConsole ? "written to this console (set SMTP_URL to send)" : "off: set SMTP_URL to send e-mail"}`,
  );
  if (config.SEED_DEMO) {
    console.log(`  Demo accounts (password "${demoPassword}"):`);
    for (const account of demoAccounts) {
      console.log(`    ${account.email.padEnd(28)} ${account.role}${account.organization ? `, ${account.organization}` : ""}`);
    }
  }
  console.log("");
}

async function waitUntilHealthy(url: string) {
  for (let attempt = 0; attempt < 600; attempt++) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

main().catch((error: unknown) => {
  if (error instanceof EnvError) fail(error.message);
  if (error instanceof Error && error.message.startsWith("AUTH_SECRET")) fail(error.message);
  throw error;
});
