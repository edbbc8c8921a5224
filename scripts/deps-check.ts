/**
 * Lists runtime dependencies behind the newest release of their major line (npm's audit endpoint
 * cannot be reached from these machines, so staying on the newest patches is the practical guard).
 * Prints a table; always exits 0. `npm run deps:check`
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
const { dependencies = {} } = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")) as { dependencies?: Record<string, string> };
const watched = new Set(["next", "react", "react-dom", "next-auth", "@prisma/client", "prisma"]);

const parse = (version: string) => version.split(/[.-]/).map((part) => Number(part));
const stable = (version: string) => /^\d+\.\d+\.\d+$/.test(version);
const newer = (a: string, b: string) => {
  const [x, y] = [parse(a), parse(b)];
  for (let i = 0; i < 3; i++) if (x[i] !== y[i]) return (x[i] ?? 0) > (y[i] ?? 0);
  return false;
};

const rows: [string, string, string, string][] = [];
for (const [name, pinned] of Object.entries(dependencies)) {
  if (!stable(pinned)) continue;
  let versions: string[];
  try {
    versions = JSON.parse(execFileSync("npm", ["view", name, "versions", "--json"], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }));
  } catch {
    rows.push([name, pinned, "?", "registry unreachable"]);
    continue;
  }
  const major = parse(pinned)[0];
  const newest = versions.filter((v) => stable(v) && parse(v)[0] === major).reduce((best, v) => (newer(v, best) ? v : best), pinned);
  if (newest !== pinned) rows.push([name, pinned, newest, watched.has(name) ? "UPDATE (security-sensitive)" : "behind"]);
}

if (rows.length === 0) {
  console.log(`deps:check: all ${Object.keys(dependencies).length} runtime dependencies are on the newest release of their major line.`);
} else {
  console.log("deps:check: runtime dependencies behind the newest release of their major line:");
  for (const [name, pinned, newest, note] of rows) console.log(`  ${name.padEnd(32)} ${pinned.padEnd(12)} -> ${newest.padEnd(12)} ${note}`);
}
