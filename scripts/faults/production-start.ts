/**
 * A production start as the README shows it (`NODE_ENV=production npm start`): without APP_URL it
 * refuses to start. On an empty database no demo account may exist, and the start says how to
 * create the first admin. Then the same with an explicit SEED_DEMO=1: demo data, behind a loud
 * warning.
 */
import { spawn } from "node:child_process";
import path from "node:path";
import { authSecret, browserSignIn, checks, freshTarget, root, sleep, timpLogin, type Target } from "./support";

const port = 3390;
const url = `http://127.0.0.1:${port}`;

/** Runs `npm start` (scripts/start.mjs) until the portal answers; returns what it printed, then stops it. */
async function startLikeTheReadme(target: Target, extraEnv: Record<string, string>, whileRunning: () => Promise<void>) {
  const child = spawn(process.execPath, [path.join(root, "scripts/start.mjs")], {
    cwd: root,
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, DATABASE_URL: "", SEED_DEMO: "", APP_URL: url, ...target.env, ...extraEnv, PORT: String(port), AUTH_SECRET: authSecret, NODE_ENV: "production" },
  });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise((resolve) => child.once("exit", resolve));
  try {
    for (let attempt = 0; !output.includes("Portal:"); attempt++) {
      if (child.exitCode !== null || attempt > 720) throw new Error(`npm start did not come up:\n${output}`);
      await sleep(250);
    }
    await whileRunning();
  } finally {
    child.kill("SIGTERM");
    await exited;
  }
  return output;
}

const { check, finish } = checks("production start");

// Without APP_URL a production start stops before it touches anything, and says what to set.
{
  const target = await freshTarget();
  try {
    const child = spawn(process.execPath, [path.join(root, "scripts/start.mjs")], {
      cwd: root,
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, DATABASE_URL: "", APP_URL: "", ...target.env, PORT: String(port), AUTH_SECRET: authSecret, NODE_ENV: "production" },
    });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
    check(code === 1 && output.includes("APP_URL is required in production"), `production without APP_URL: exit 1, naming APP_URL (exit ${code}: ${output.trim().slice(0, 200)})`);
  } finally {
    await target.dispose();
  }
}

const empty = await freshTarget();
try {
  const output = await startLikeTheReadme(empty, {}, async () => {
    const admin = await timpLogin(url, "admin@example.com");
    check(admin.status === 400 || admin.status === 401, `the demo admin cannot sign in (got ${admin.status})`);
    const member = await timpLogin(url, "alice@acme-retail.example");
    check(member.token === null, "no demo member account exists");
  });
  check(!output.includes("demo-password"), "the start prints no demo accounts");
  check(output.includes("user:create") && output.includes("--admin"), "the start says how to create the first admin");
} finally {
  await empty.dispose();
}

const seeded = await freshTarget();
try {
  const output = await startLikeTheReadme(seeded, { SEED_DEMO: "1" }, async () => {
    check((await timpLogin(url, "alice@acme-retail.example")).token !== null, "SEED_DEMO=1 loads the demo accounts on purpose");
    // Production requires platform admins to have a second factor (REQUIRE_ADMIN_MFA defaults on).
    const admin = await fetch(`${url}/api/timp/organizations/user-login/`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ username: "admin@example.com", password: "demo-password" }),
    });
    const detail = admin.status === 403 ? ((await admin.json()) as { detail: string }).detail : "";
    check(admin.status === 403 && detail.includes("second factor must be enrolled first"), `the TIMP login refuses an admin without a second factor: 403 naming it (got ${admin.status} ${detail})`);
    const cookie = await browserSignIn(url, "admin@example.com");
    const page = await fetch(`${url}/admin/approvals`, { headers: { cookie: cookie ?? "" }, redirect: "manual" });
    const location = page.headers.get("location") ?? "";
    check(page.status >= 300 && page.status < 400 && location.includes("/settings/security"), `an admin without a second factor is sent to enrolment (got ${page.status} → ${location})`);
    const enrolment = await fetch(`${url}/settings/security`, { headers: { cookie: cookie ?? "" }, redirect: "manual" });
    check(enrolment.status === 200 && (await enrolment.text()).includes("Platform admins need a second factor"), `the enrolment page opens and says why (got ${enrolment.status})`);
  });
  check(output.includes("SEED_DEMO=1 with NODE_ENV=production"), "and warns loudly that it did");
} finally {
  await seeded.dispose();
}

process.exit(finish() ? 0 : 1);
