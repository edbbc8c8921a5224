/** Shared by the fault scripts: fresh databases, app servers to start and kill, small HTTP helpers. */
import { spawn, type ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { openDatabase, type Database } from "../../lib/db/connect";
import { prepareDatabase } from "../../lib/db/prepare";
import { serverArguments } from "../server-arguments";

export const root = path.resolve(import.meta.dirname, "../..");
export const authSecret = crypto.randomBytes(32).toString("base64url");

export interface Target {
  engine: "postgres" | "embedded";
  env: Record<string, string>;
  open(): Database;
  dispose(): Promise<void>;
}

/** A fresh database: on the local PostgreSQL of DATABASE_URL when set, else an embedded folder. */
export async function freshTarget(): Promise<Target> {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "faults-"));
    return {
      engine: "embedded",
      env: { DATA_DIR: dataDir },
      open: () => openDatabase({ engine: "embedded", dataDir }),
      dispose: async () => fs.rmSync(dataDir, { recursive: true, force: true }),
    };
  }
  const server = new URL(serverUrl);
  if (!["127.0.0.1", "localhost"].includes(server.hostname)) throw new Error("Fault tests run against a local server only.");
  const name = `faults_${crypto.randomBytes(6).toString("hex")}`;
  const admin = async (sql: string) => {
    const client = new pg.Client({ connectionString: serverUrl });
    await client.connect();
    await client.query(sql).finally(() => client.end());
  };
  await admin(`CREATE DATABASE "${name}"`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  // Behind a transaction pooler (scripts/faults/pgbouncer.sh) migrations go to the server itself.
  const direct = process.env.DATABASE_DIRECT_URL ? new URL(process.env.DATABASE_DIRECT_URL) : undefined;
  if (direct) direct.pathname = `/${name}`;
  return {
    engine: "postgres",
    env: { DATABASE_URL: url.toString(), ...(direct ? { DATABASE_DIRECT_URL: direct.toString() } : {}) },
    open: () => openDatabase({ engine: "postgres", url: url.toString(), directUrl: direct?.toString(), poolSize: 4 }),
    dispose: () => admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
  };
}

/** Migrates and loads the demo accounts, then lets go of the database. */
export async function prepare(target: Target) {
  const database = target.open();
  try {
    await prepareDatabase(database, { seedDemo: true });
  } finally {
    await database.close();
  }
}

export interface AppServer {
  port: number;
  url: string;
  process: ChildProcess;
  /** Every line the server wrote to stdout (its JSON logs), as it arrives. */
  logs: string[];
}

let serverCommand: string[] | undefined;

/** Starts the production server (a build must exist) and waits until it answers. */
export async function startServer(
  target: Target,
  port: number,
  extraEnv: Record<string, string> = {},
  node = process.execPath,
  nodeArguments?: string[],
): Promise<AppServer> {
  serverCommand ??= serverArguments(root);
  const child = spawn(node, nodeArguments ?? serverCommand, {
    cwd: root,
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      ...process.env,
      // One process unless a test asks for a cluster: kill -9 then means the whole instance.
      WEB_CONCURRENCY: "1",
      // No pause for a load balancer before the listener closes, unless a test asks for one.
      SHUTDOWN_DELAY_SECONDS: "0",
      // A production server with the demo's admin, who has no second factor: these tests are about
      // faults, and production-start.ts tests the admins' rule (REQUIRE_ADMIN_MFA) on its own.
      REQUIRE_ADMIN_MFA: "0",
      ...target.env,
      ...extraEnv,
      PORT: String(port),
      AUTH_SECRET: authSecret,
      NEXTAUTH_URL: `http://localhost:${port}`,
      APP_URL: `http://localhost:${port}`,
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
    },
  });
  const logs: string[] = [];
  let partial = "";
  child.stdout?.on("data", (chunk: Buffer) => {
    const lines = (partial + chunk.toString()).split("\n");
    partial = lines.pop()!;
    logs.push(...lines);
  });
  // Kept for the report when the server dies; not printed otherwise.
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  child.once("exit", (code, signal) => {
    if (signal !== "SIGKILL" && code !== 0) console.error(`server on ${port} exited (${code ?? signal}):\n${stderr}`);
  });
  const url = `http://127.0.0.1:${port}`;
  // Up to two minutes: two instances starting at once on a loaded 2-core machine each migrate
  // (one waits on the other's lock) and bundle their server; one minute was once not enough.
  for (let attempt = 0; attempt < 480; attempt++) {
    if (child.exitCode !== null) throw new Error(`server on ${port} exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${url}/api/health`)).ok) return { port, url, process: child, logs };
    } catch {
      // not up yet
    }
    await sleep(250);
  }
  child.kill("SIGKILL");
  throw new Error(`server on ${port} did not become healthy in 2 minutes; its last output:\n${logs.slice(-20).join("\n")}\n${stderr}`);
}

export async function killHard(server: AppServer) {
  const exited = new Promise((resolve) => server.process.once("exit", resolve));
  server.process.kill("SIGKILL");
  await exited;
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function timpLogin(url: string, username: string, password = "demo-password", headers: Record<string, string> = {}) {
  const response = await fetch(`${url}/api/timp/organizations/user-login/`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify({ username, password }),
  });
  return { status: response.status, token: response.ok ? ((await response.json()) as { auth_token: string }).auth_token : null };
}

/** next-auth's credentials sign-in, as the browser's form does it; returns the session cookie. */
export async function browserSignIn(url: string, email: string, password = "demo-password") {
  const csrf = await fetch(`${url}/api/auth/csrf`);
  const cookie = csrf.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const response = await fetch(`${url}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie },
    body: new URLSearchParams({ csrfToken, email, password, json: "true" }),
  });
  return response.headers.getSetCookie().map((c) => c.split(";")[0]).find((c) => c!.startsWith("next-auth.session-token="));
}

/** Counts checks and prints the closing line CI reads: "N passed, N failed". */
export function checks(title: string) {
  let passed = 0;
  let failed = 0;
  return {
    check(ok: boolean, what: string) {
      if (ok) passed++;
      else {
        failed++;
        console.error(`  ✘ ${what}`);
      }
    },
    finish() {
      console.log(`${title}: ${passed} passed, ${failed} failed`);
      return failed === 0;
    },
  };
}
