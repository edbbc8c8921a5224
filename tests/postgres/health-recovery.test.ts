import { describe, expect, it } from "vitest";
import { GET } from "@/app/api/health/route";
import { openDatabase } from "@/lib/db/connect";
import { callRoute, withDatabase } from "@/tests/support/route";
import { startTcpProxy } from "@/tests/support/tcp-proxy";

describe("health on PostgreSQL", () => {
  it("goes to 503 when the server goes away and back to 200 when it returns, without a restart", async () => {
    const server = new URL(process.env.DATABASE_URL!);
    const proxy = await startTcpProxy({ host: server.hostname, port: Number(server.port || 5432) });
    const viaProxy = new URL(server);
    viaProxy.host = `127.0.0.1:${proxy.port}`;
    const database = openDatabase({ engine: "postgres", url: viaProxy.toString(), poolSize: 2 });
    try {
      await withDatabase(database, async () => {
        expect((await callRoute(GET, "/api/health")).status).toBe(200);
        await proxy.cut();
        expect((await callRoute(GET, "/api/health")).status).toBe(503);
        await proxy.restore();
        expect((await callRoute(GET, "/api/health")).status).toBe(200);
      });
    } finally {
      await database.close();
      await proxy.close();
    }
  });
});
