import { describe, expect, it } from "vitest";
import { createDataRequest } from "@/lib/data-requests/requests";
import { drainQueue } from "@/lib/data-requests/worker";
import { db } from "@/lib/db/client";
import { person } from "@/tests/support/fixtures";

describe("two data-request workers on one PostgreSQL", () => {
  it("process every request exactly once", async () => {
    const people = await Promise.all(Array.from({ length: 8 }, () => person()));
    const ids: string[] = [];
    for (const who of people) {
      for (let index = 0; index < 3; index++) ids.push((await createDataRequest(who.id, ["profile", "activity"])).requestId);
    }
    const [first, second] = await Promise.all([drainQueue("worker-a"), drainQueue("worker-b")]);
    expect(first + second).toBe(ids.length);
    const rows = await db.dataRequest.findMany({ where: { id: { in: ids } } });
    expect(rows.every((row) => row.status === "completed" && row.attempts === 1)).toBe(true);
    expect(await db.dataRequestArchive.count({ where: { dataRequestId: { in: ids } } })).toBe(ids.length);
  });
});
