/**
 * `npm start`: migrates the database (embedded unless DATABASE_URL is set), loads demo data into
 * an empty one, builds the app if no build exists, and serves it. `--dev` serves with `next dev`.
 */
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { resolveAuthSecret } from "../lib/auth/secret";
import { DataDirInUseError } from "../lib/db/data-dir-lock";
import { describeDatabase, openDatabaseFromEnv } from "../lib/db/open-from-env";
import { prepareDatabase } from "../lib/db/prepare";
import { appUrl, dataDir, env, EnvError, requireAppUrl } from "../lib/env";
import { demoAccounts, demoPassword } from "../lib/seed/demo";
import { connectionsPerProcess, describeCapacity, serverProcesses } from "../lib/server/capacity";
import { serverArguments } from "./server-bundle";

const dev = process.argv.includes("--dev");
// Next.js telemetry is opt-out; a portal's start should not phone home.
process.env.NEXT_TELEMETRY_DISABLED ??= "1";
const root = path.resolve(import.meta.dirname, "..");
const nextBin = path.join(root, "node_modules", "next", "dist", "bin", "next");

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

  const database = openDatabaseFromEnv({ poolSize: 2 });
  try {
    const { appliedMigrations, seeded, hasAdmin } = await prepareDatabase(database, { seedDemo: config.SEED_DEMO });
    if (appliedMigrations.length) console.log(`Applied migrations: ${appliedMigrations.join(", ")}`);
    if (seeded) console.log("Loaded demo data into the empty database.");
    if (!hasAdmin) {
      console.log("No platform admin yet. Create the first one with:");
      console.log("  npm run cli -- user:create --email you@example.com --password '…' --admin\n");
    }
  } finally {
    await database.close(); // the server process takes over the embedded folder
  }

  if (!dev && buildIsMissingOrStale()) {
    console.log("Building the app (its sources are newer than the last build)…");
    const build = spawnSync(process.execPath, [nextBin, "build"], { cwd: root, stdio: "inherit" });
    if (build.status !== 0) fail("The build failed.");
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

/** True when there is no build, or a source file changed after it was made. */
function buildIsMissingOrStale(): boolean {
  const buildId = path.join(root, ".next", "BUILD_ID");
  if (!fs.existsSync(buildId)) return true;
  const builtAt = fs.statSync(buildId).mtimeMs;
  const sources = ["app", "components", "lib", "proxy.ts", "instrumentation.ts", "next.config.mjs", "package-lock.json"];
  const newer = (entry: string): boolean => {
    const stat = fs.statSync(entry, { throwIfNoEntry: false });
    if (!stat) return false;
    if (!stat.isDirectory()) return stat.mtimeMs > builtAt;
    return fs.readdirSync(entry).some((name) => name !== "generated" && newer(path.join(entry, name)));
  };
  return sources.some((source) => newer(path.join(root, source)));
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
  if (error instanceof EnvError || error instanceof DataDirInUseError) fail(error.message);
  if (error instanceof Error && error.message.startsWith("AUTH_SECRET")) fail(error.message);
  throw error;
});
