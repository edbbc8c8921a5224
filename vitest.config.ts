import path from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    alias: {
      "@": path.resolve(import.meta.dirname),
      // Outside React's server build `server-only` throws by design; tests are server code.
      "server-only": path.resolve(import.meta.dirname, "tests/support/empty-module.ts"),
    },
  },
  test: {
    // tests/postgres needs a real server: races and outages cannot be shown on PGlite.
    include: ["{lib,app,scripts,tests}/**/*.test.ts"],
    exclude: [...(process.env.DATABASE_URL ? [] : ["tests/postgres/**"]), "node_modules/**"],
    // One migrated database made before the files run; each file starts from a copy of it.
    globalSetup: ["tests/support/template-database.ts"],
    setupFiles: ["tests/support/setup-database.ts"],
    environment: "node",
    env: { AUTH_SECRET: "test-secret-that-is-long-enough-for-next-auth", APP_URL: "http://localhost:3000", NODE_ENV: "test" },
    pool: "forks",
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
