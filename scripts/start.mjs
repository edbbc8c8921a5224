// @ts-check
/**
 * `npm start`. Serves the build `npm run build` made, and only a build that is current: when it
 * is missing, or a source changed after it, it says so and stops, in every environment. It never
 * builds on its own and never writes to .next, so a production start is the build that was
 * tested and a start costs no more than starting. Plain JavaScript, so that it runs before
 * anything is compiled; the rest of the start (scripts/start.ts) was bundled with the build.
 */
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

const root = path.resolve(import.meta.dirname, "..");

/** What `next build` and scripts/server-bundle.ts leave in .next, the bundle this runs last. */
const builtFiles = [".next/BUILD_ID", ".next/portal-server.mjs", ".next/portal-start.mjs"];

/** What the build is made from: a change to any of them after the build makes it stale. */
const sources = ["app", "components", "lib", "proxy.ts", "instrumentation.ts", "next.config.mjs", "package-lock.json", "scripts/start.ts", "scripts/server.ts"];

/** The newest source file under `entry` changed after `builtAt` (ms), or undefined. */
function changedSince(entry, builtAt) {
  const stat = fs.statSync(entry, { throwIfNoEntry: false });
  if (!stat) return undefined;
  if (!stat.isDirectory()) return stat.mtimeMs > builtAt ? entry : undefined;
  for (const name of fs.readdirSync(entry)) {
    // The Prisma client is generated on install, not written by hand; tests are not built.
    if (name === "generated" || /\.test\.tsx?$/.test(name)) continue;
    const changed = changedSince(path.join(entry, name), builtAt);
    if (changed) return changed;
  }
  return undefined;
}

const built = builtFiles.map((file) => fs.statSync(path.join(root, file), { throwIfNoEntry: false }));
let problem;
if (built.some((stat) => !stat)) {
  problem = "There is no build of the portal here. Build it first: npm run build";
} else {
  const changed = sources.map((source) => changedSince(path.join(root, source), Math.min(...built.map((stat) => stat?.mtimeMs ?? 0)))).find(Boolean);
  if (changed) problem = `The build is older than ${path.relative(root, changed)}. Build again: npm run build`;
}
if (problem) {
  console.error(`\n✖ ${problem}\n`);
  process.exit(1);
}
await import(pathToFileURL(path.join(root, ".next/portal-start.mjs")).href);
