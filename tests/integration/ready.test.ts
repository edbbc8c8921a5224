import { describe, expect, it } from "vitest";
import { GET } from "@/app/api/ready/route";
import { db } from "@/lib/db/client";
import { shutdown } from "@/lib/server/lifecycle";
import { callRoute } from "@/tests/support/route";

describe("GET /api/ready", () => {
  it("is 200 when the database answers and every migration is applied", async () => {
    const response = await callRoute(GET, "/api/ready");
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: "ready", ready: true, reason: null });
  });

  it("is 503 with a generic reason while a migration is pending, naming none", async () => {
    const [latest] = await db.$queryRaw<{ migration_name: string }[]>`
      SELECT migration_name FROM "_prisma_migrations" ORDER BY migration_name DESC LIMIT 1`;
    await db.$executeRaw`UPDATE "_prisma_migrations" SET migration_name = migration_name || '_moved' WHERE migration_name = ${latest!.migration_name}`;
    try {
      const response = await callRoute(GET, "/api/ready");
      const text = await response.text();
      expect(response.status).toBe(503);
      expect(JSON.parse(text)).toEqual({ status: "not_ready", ready: false, reason: "migrations_pending" });
      expect(text).not.toContain(latest!.migration_name.slice(0, 14));
    } finally {
      await db.$executeRaw`UPDATE "_prisma_migrations" SET migration_name = ${latest!.migration_name} WHERE migration_name = ${`${latest!.migration_name}_moved`}`;
    }
  });

  it("is 503 from the moment the process starts stopping", async () => {
    const stopped = shutdown({ delayMs: 200, drain: async () => {} });
    const response = await callRoute(GET, "/api/ready");
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({ status: "not_ready", ready: false, reason: "stopping" });
    await stopped;
  });
});
