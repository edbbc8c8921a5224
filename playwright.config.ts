import os from "node:os";
import path from "node:path";
import { defineConfig } from "@playwright/test";

const port = Number(process.env.E2E_PORT ?? 3210);
export const baseURL = `http://localhost:${port}`;
// A fresh embedded database per run unless e2e.sh handed us a fresh PostgreSQL one.
const dataDir = process.env.E2E_DATA_DIR ?? path.join(os.tmpdir(), `e2e-${Date.now()}`);
// Where the test server's SMTP server leaves each mail; set here once, the test workers inherit it.
process.env.E2E_MAIL_DIR ??= path.join(os.tmpdir(), `e2e-mail-${Date.now()}`);

export default defineConfig({
  testDir: "e2e",
  outputDir: "test-results",
  fullyParallel: true,
  workers: 2,
  retries: 0,
  reporter: [["list"], ["html", { open: "never", outputFolder: "playwright-report" }]],
  use: {
    baseURL,
    screenshot: "only-on-failure",
    trace: "retain-on-failure",
    launchOptions: {
      // Debian's Chromium: browser downloads cannot be reached from these machines.
      executablePath: "/usr/bin/chromium",
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    },
  },
  projects: [
    { name: "api", testMatch: /api\/.*\.spec\.ts/ },
    { name: "ui", testMatch: /ui\/.*\.spec\.ts/ },
  ],
  webServer: {
    command: "node --import tsx e2e/support/serve-with-services.ts",
    url: `${baseURL}/api/health`,
    timeout: 180_000,
    reuseExistingServer: false,
    stdout: "pipe",
    // E-mail goes to a real SMTP server the command starts (e2e/support/serve-with-services.ts), and so does single sign-on, to a real OpenID provider.
    // Request logs would drown the test report; scripts/faults/operations.ts tests them.
    // The webhook tests' receivers listen on loopback, which only this flag opens outside Vitest.
    env: { PORT: String(port), DATA_DIR: dataDir, E2E_MAIL_DIR: process.env.E2E_MAIL_DIR, SEED_DEMO: "1", NEXT_TELEMETRY_DISABLED: "1", MAIL_CONSOLE: "0", LOG_LEVEL: "warn", WEBHOOK_ALLOW_PRIVATE_NETWORKS: "1" },
  },
});
