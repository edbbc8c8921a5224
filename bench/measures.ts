import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import { openDatabase } from "../lib/db/connect";
import { prepareDatabase } from "../lib/db/prepare";
import { firstOk } from "./bare";

/**
 * Time from `npm start` (build present, nothing to migrate) to the first 200 of /api/health, on
 * the embedded engine (a data folder migrated beforehand) or on PostgreSQL (`databaseUrl`).
 */
export async function npmStartToFirst200(root: string, port: number, database: { dataDir: string } | { databaseUrl: string }): Promise<number> {
  const npm = process.env.npm_execpath;
  const command = npm ? [process.execPath, npm, "start"] : ["npm", "start"];
  const started = performance.now();
  const child = spawn(command[0]!, command.slice(1), {
    cwd: root,
    stdio: "ignore",
    env: {
      ...process.env,
      PORT: String(port),
      ...("dataDir" in database ? { DATA_DIR: database.dataDir, DATABASE_URL: "" } : { DATABASE_URL: database.databaseUrl, WEB_CONCURRENCY: "1" }),
      NODE_ENV: "production",
      APP_URL: `http://127.0.0.1:${port}`,
      AUTH_SECRET: "bench-start-secret-bench-start-secret-0123",
      REQUIRE_ADMIN_MFA: "0",
    },
    detached: true,
  });
  const exited = new Promise((resolve) => child.once("exit", resolve));
  try {
    const ms = await Promise.race([firstOk(`http://127.0.0.1:${port}/api/health`, started), exited.then(() => Promise.reject(new Error("npm start exited")))]);
    return ms;
  } finally {
    try {
      process.kill(-child.pid!, "SIGKILL");
    } catch {
      // the group has gone already
    }
    // Until the port is free again, so the next start measures a start and not a dying server.
    while (await fetch(`http://127.0.0.1:${port}/api/health`).then(() => true, () => false)) await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The median of `runs` measurements, taken one after the other. */
export async function medianOf(runs: number, measure: () => Promise<number>): Promise<number> {
  const samples: number[] = [];
  for (let run = 0; run < runs; run++) samples.push(await measure());
  return Math.round(samples.sort((a, b) => a - b)[Math.floor(runs / 2)]!);
}

/**
 * An embedded data folder migrated and seeded as `npm start` leaves it, for starts with nothing
 * to migrate: `copy()` gives each start its own (a process killed with -9 can linger as a zombie
 * where nothing reaps it, and its folder stays locked).
 */
export async function preparedDataDir(): Promise<{ copy(): { dataDir: string }; dispose(): void }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-start-"));
  const database = openDatabase({ engine: "embedded", dataDir });
  try {
    await prepareDatabase(database, { seedDemo: true });
  } finally {
    await database.close();
  }
  const copies: string[] = [];
  return {
    copy() {
      const copy = `${dataDir}-${copies.length}`;
      fs.cpSync(dataDir, copy, { recursive: true });
      copies.push(copy);
      return { dataDir: copy };
    },
    dispose: () => [dataDir, ...copies].forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })),
  };
}

/** The JavaScript a first visit to each page downloads (its <script src> chunks), gzipped. */
export async function firstLoadJavaScript(base: string, cookie: string, paths: string[]) {
  const sizes = new Map<string, number>();
  const rows: { page: string; scripts: number; "gzip KiB": number }[] = [];
  for (const page of paths) {
    const html = await (await fetch(`${base}${page}`, { headers: { cookie } })).text();
    // nomodule scripts (Next.js's legacy polyfills) are never fetched by a browser that runs modules.
    const sources = [...html.matchAll(/<script[^>]*>/g)]
      .filter(([tag]) => !/nomodule/i.test(tag))
      .flatMap(([tag]) => /src="([^"]+\.js)"/.exec(tag)?.[1] ?? []);
    let total = 0;
    for (const source of new Set(sources)) {
      if (!sizes.has(source)) sizes.set(source, zlib.gzipSync(Buffer.from(await (await fetch(`${base}${source}`)).arrayBuffer())).byteLength);
      total += sizes.get(source)!;
    }
    rows.push({ page, scripts: new Set(sources).size, "gzip KiB": Math.round(total / 1024) });
  }
  return rows;
}

/**
 * How long /docs takes to show the API reference in Chromium, from navigation to the title being
 * visible, with every other origin cut off: the median of `runs` cold loads (a new context each).
 */
export async function docsPaint(base: string, runs = 5) {
  const { chromium } = await import("@playwright/test");
  const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run"] });
  const visible: number[] = [];
  const contentfulPaint: number[] = [];
  try {
    for (let run = 0; run < runs; run++) {
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.route((url) => !url.href.startsWith(base), (route) => route.abort());
      const started = performance.now();
      await page.goto(`${base}/docs`, { waitUntil: "commit" });
      await page.getByRole("heading", { name: "Crux Requests Portal API" }).waitFor({ state: "visible" });
      visible.push(performance.now() - started);
      contentfulPaint.push(await page.evaluate(() => performance.getEntriesByName("first-contentful-paint")[0]?.startTime ?? Number.NaN));
      await context.close();
    }
  } finally {
    await browser.close();
  }
  const median = (values: number[]) => Math.round([...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!);
  return { "navigation to reference visible, median ms": median(visible), "first contentful paint, median ms": median(contentfulPaint), runs };
}
