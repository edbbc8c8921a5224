/**
 * The framework's ceiling and start, beside the app in the same run: a bare Next.js app
 * (bench/bare: one route handler returning a constant) built once, then served by its own
 * `next start` on the Node.js that runs the bench.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
const bareDir = path.join(root, "bench", "bare");
const nextBin = path.join(root, "node_modules", "next", "dist", "bin", "next");

export function buildBareApp() {
  if (fs.existsSync(path.join(bareDir, ".next", "BUILD_ID"))) return;
  const build = spawnSync(process.execPath, [nextBin, "build", bareDir], { stdio: "ignore", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
  if (build.status !== 0) throw new Error("next build of bench/bare failed");
}

export interface BareServer {
  url: string;
  process: ChildProcess;
  /** From spawning `next start` to its first 200. */
  startMs: number;
  close(): void;
}

/** Polls `url` every 25 ms until it answers 200; the time since `started`. */
export async function firstOk(url: string, started: number, limitMs = 180_000): Promise<number> {
  for (;;) {
    try {
      if ((await fetch(url)).ok) return performance.now() - started;
    } catch {
      // not listening yet
    }
    if (performance.now() - started > limitMs) throw new Error(`${url} did not answer within ${limitMs / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

export async function startBareApp(port: number): Promise<BareServer> {
  buildBareApp();
  const started = performance.now();
  const child = spawn(process.execPath, [nextBin, "start", bareDir, "-p", String(port), "-H", "127.0.0.1"], {
    stdio: "ignore",
    env: { ...process.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" },
    detached: true,
  });
  const url = `http://127.0.0.1:${port}`;
  const startMs = await firstOk(`${url}/constant`, started);
  return { url, process: child, startMs, close: () => process.kill(-child.pid!, "SIGKILL") };
}
