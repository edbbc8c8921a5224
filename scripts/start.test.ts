import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";

// `npm start` (scripts/start.mjs) in a copy of the project's layout: it serves only a current
// build, never builds, and never writes to .next.

const roots: string[] = [];
afterEach(() => roots.splice(0).forEach((root) => fs.rmSync(root, { recursive: true, force: true })));

function project(options: { built: boolean }) {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "start-"));
  roots.push(root);
  fs.mkdirSync(path.join(root, "scripts"));
  fs.copyFileSync(path.join(import.meta.dirname, "start.mjs"), path.join(root, "scripts", "start.mjs"));
  fs.mkdirSync(path.join(root, "lib"));
  fs.writeFileSync(path.join(root, "lib", "a.ts"), "export const a = 1;\n");
  const past = new Date(Date.now() - 60_000);
  fs.utimesSync(path.join(root, "lib", "a.ts"), past, past);
  if (options.built) {
    fs.mkdirSync(path.join(root, ".next"));
    fs.writeFileSync(path.join(root, ".next", "BUILD_ID"), "build");
    fs.writeFileSync(path.join(root, ".next", "portal-server.mjs"), "");
    // The bundled start: here, it only says that it ran.
    fs.writeFileSync(path.join(root, ".next", "portal-start.mjs"), 'console.log("the bundled start ran");\n');
    const builtAt = new Date(Date.now() - 30_000);
    for (const name of fs.readdirSync(path.join(root, ".next"))) fs.utimesSync(path.join(root, ".next", name), builtAt, builtAt);
  }
  return root;
}

const start = (root: string) => spawnSync(process.execPath, [path.join(root, "scripts", "start.mjs")], { encoding: "utf8", env: { ...process.env, NODE_ENV: "production" } });
const listing = (root: string) => fs.readdirSync(path.join(root, ".next")).map((name) => [name, fs.statSync(path.join(root, ".next", name)).mtimeMs]);

describe("npm start", () => {
  it("runs the bundled start when the build is newer than every source", () => {
    const root = project({ built: true });
    const result = start(root);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain("the bundled start ran");
  });

  it("refuses without a build, saying how to make one, and makes none", () => {
    const root = project({ built: false });
    const result = start(root);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("There is no build of the portal here. Build it first: npm run build");
    expect(fs.existsSync(path.join(root, ".next"))).toBe(false);
  });

  it("refuses a build older than a source, naming the file, and leaves .next as it was", () => {
    const root = project({ built: true });
    const before = listing(root);
    fs.writeFileSync(path.join(root, "lib", "a.ts"), "export const a = 2;\n");
    const result = start(root);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(`The build is older than ${path.join("lib", "a.ts")}. Build again: npm run build`);
    expect(result.stdout).not.toContain("the bundled start ran");
    expect(listing(root)).toEqual(before);
  });
});
