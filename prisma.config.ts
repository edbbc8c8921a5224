import { defineConfig } from "prisma/config";

// Used by the Prisma CLI where its native engine is available (`prisma migrate deploy`).
// The app itself migrates with the WebAssembly engine: see lib/db/migrate.ts.
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "postgresql://localhost:5432/postgres" },
});
