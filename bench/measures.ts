import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";

/** Time from `npm start` (scripts/start.ts) on a fresh embedded folder to the first 200 of /api/health. */
export async function startupToFirst200(root: string): Promise<number> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-start-"));
  const port = 3900;
  const started = Date.now();
  const child = spawn(process.execPath, ["--import", "tsx", path.join(root, "scripts/start.ts")], {
    cwd: root,
    stdio: "ignore",
    env: { ...process.env, DATA_DIR: dataDir, PORT: String(port), DATABASE_URL: "", SEED_DEMO: "1" },
    detached: true,
  });
  try {
    for (;;) {
      try {
        if ((await fetch(`http://127.0.0.1:${port}/api/health`)).ok) return Date.now() - started;
      } catch {
        // not up yet
      }
      if (Date.now() - started > 180_000) throw new Error("npm start did not answer within 3 minutes");
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  } finally {
    process.kill(-child.pid!, "SIGKILL");
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
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
