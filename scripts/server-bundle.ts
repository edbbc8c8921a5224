import path from "node:path";
import { buildSync } from "esbuild";

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
