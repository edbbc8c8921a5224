import { apiContentSecurityPolicy, securityHeaders } from "./lib/http/security-headers.mjs";

/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  // Each route's code loads on its first request rather than all of them at start: a start
  // (README, "Performance") then costs what the bare framework's does, not one more per route.
  experimental: { preloadEntriesOnStart: false },
  // API paths answer with or without a trailing slash, as the mirrored TIMP API's clients expect.
  skipTrailingSlashRedirect: true,
  // Native, wasm and database packages are loaded by Node at run time, not bundled.
  serverExternalPackages: [
    "@electric-sql/pglite",
    "pglite-prisma-adapter",
    "@prisma/schema-engine-wasm",
    "@node-rs/argon2",
    "pg",
    // Shared with scripts/server.ts in the same process: one logger, one metrics registry.
    "pino",
    "prom-client",
  ],
  async headers() {
    return [
      { source: "/:path*", headers: securityHeaders() },
      // Pages get a per-response nonce from proxy.ts; API answers and static assets need no
      // nonce, so they skip the proxy (it would cost every API call a middleware run).
      {
        source: "/:prefix(api|_next/static|_next/image|favicon.ico)/:path*",
        headers: [{ key: "Content-Security-Policy", value: apiContentSecurityPolicy }],
      },
    ];
  },
};

export default nextConfig;
