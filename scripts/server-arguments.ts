import path from "node:path";
import { env } from "../lib/env";

/** What `npm run build` bundles (scripts/server-bundle.ts), relative to the project's root. */
export const bundles = { start: ".next/portal-start.mjs", server: ".next/portal-server.mjs" } as const;

/**
 * Node's arguments for the production server: its heap limits, then the bundle the build made.
 * Node.js 22 and later size the young generation from the machine, up to 64 MiB per semi-space;
 * 16 MiB (Node 20's size) kept a process under 350 MiB on Node 24 too, for about 10% of its page
 * throughput.
 */
export function serverArguments(root: string): string[] {
  return [`--max-old-space-size=${env().MAX_HEAP_MIB}`, "--max-semi-space-size=16", path.join(root, bundles.server)];
}
