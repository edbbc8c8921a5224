/**
 * `npm run build`'s last step (after `next build`): the start and the production server each as
 * one JavaScript file in .next/ (scripts/server-arguments.ts names them), packages left to
 * node_modules. Running scripts/server.ts through tsx instead kept its loader hooked into every
 * module Next.js loads afterwards: about 140 MiB more per process (README, "Memory"); bundling
 * at every start cost each start a few hundred milliseconds and wrote to .next while serving.
 */
import path from "node:path";
import { pathToFileURL } from "node:url";
import { buildSync } from "esbuild";
import { bundles } from "./server-arguments";

export function bundleServer(root: string): void {
  for (const [entry, outfile] of [["start.ts", bundles.start], ["server.ts", bundles.server]] as const) {
    buildSync({
      entryPoints: [path.join(root, "scripts", entry)],
      outfile: path.join(root, outfile),
      bundle: true,
      platform: "node",
      format: "esm",
      target: "node20",
      packages: "external",
      logLevel: "warning",
    });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) bundleServer(path.resolve(import.meta.dirname, ".."));
