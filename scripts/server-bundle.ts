import path from "node:path";
import { buildSync } from "esbuild";
import { env } from "../lib/env";

/**
 * The production server as one JavaScript file (.next/portal-server.mjs), packages left to
 * node_modules. Running scripts/server.ts through tsx instead kept its loader hooked into every
 * module Next.js loads afterwards: about 140 MiB more per process (README, "Memory"). Takes a
 * fraction of a second, so every start makes it afresh from the sources.
 */
export function bundleServer(root: string): string {
  const outfile = path.join(root, ".next", "portal-server.mjs");
  buildSync({
    entryPoints: [path.join(root, "scripts", "server.ts")],
    outfile,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    packages: "external",
    logLevel: "warning",
  });
  return outfile;
}

/**
 * Node's arguments for the production server: its heap limits, then the bundle. Node.js 22 and
 * later size the young generation from the machine, up to 64 MiB per semi-space; 16 MiB (Node
 * 20's size) kept a process under 350 MiB on Node 24 too, for about 10% of its page throughput.
 */
export function serverArguments(root: string): string[] {
  return [`--max-old-space-size=${env().MAX_HEAP_MIB}`, "--max-semi-space-size=16", bundleServer(root)];
}
