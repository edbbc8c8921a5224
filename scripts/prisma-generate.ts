/**
 * Generates the Prisma client (postinstall). Prisma 7's CLI insists on a native schema engine
 * it would download, which cannot be reached offline; generating the client does not use it, so
 * when none is configured an existing file stands in for its path.
 */
import { spawnSync } from "node:child_process";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
const env = { ...process.env };
env.PRISMA_SCHEMA_ENGINE_BINARY ??= process.execPath;
const result = spawnSync(process.execPath, [path.join(root, "node_modules", "prisma", "build", "index.js"), "generate"], {
  cwd: root,
  env,
  stdio: "inherit",
});
process.exit(result.status ?? 1);
