import { describe, expect, it } from "vitest";
import { POST } from "@/app/api/timp/organizations/connections/request/route";
import { db } from "@/lib/db/client";
import { jsonHeaders, person, validRequest } from "@/tests/support/fixtures";
import { callRoute } from "@/tests/support/route";

describe("Idempotency-Key under concurrency (PostgreSQL)", () => {
  it("20 parallel creates with one key make one request and all get its answer", async () => {
    const retailer = await person();
    const headers = { ...jsonHeaders(retailer.auth), "idempotency-key": crypto.randomUUID() };
    const responses = await Promise.all(
      Array.from({ length: 20 }, () =>
        callRoute(POST, "/api/timp/organizations/connections/request/", { method: "POST", headers, body: JSON.stringify(validRequest) }),
      ),
    );
    expect(responses.map((response) => response.status)).toEqual(Array(20).fill(201));
    const ids = new Set(await Promise.all(responses.map(async (response) => (await response.json()).request_uuid)));
    expect(ids.size).toBe(1);
    expect(await db.connectionRequest.count({ where: { organizationId: retailer.organizationId! } })).toBe(1);
  });
});
