import { describe, expect, it } from "vitest";
import { openDatabase } from "@/lib/db/connect";
import { callRoute, withDatabase } from "@/tests/support/route";
import { GET } from "@/app/api/health/route";

describe("GET /api/health", () => {
  it("reports ok and which engine serves the data", async () => {
    const response = await callRoute(GET, "/api/health");
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      status: "ok",
      database: process.env.DATABASE_URL ? "postgres" : "embedded",
    });
  });

  it("answers 503 when the database cannot be reached", async () => {
    const unreachable = openDatabase({ engine: "postgres", url: "postgres://postgres@127.0.0.1:1/none" });
    try {
      const response = await withDatabase(unreachable, () => callRoute(GET, "/api/health"));
      expect(response.status).toBe(503);
      expect(await response.json()).toEqual({ status: "unavailable", database: "postgres" });
    } finally {
      await unreachable.close();
    }
  });
});
