import { describe, expect, it } from "vitest";
import { dataRequestDto } from "@/lib/data-requests/dto";
import { listDataRequests } from "@/lib/data-requests/requests";
import { db } from "@/lib/db/client";
import { bearerFor, person } from "@/tests/support/fixtures";
import { callRoute } from "@/tests/support/route";
import { GET } from "@/app/api/requests/route";

// GET /requests is JSON text PostgreSQL writes (lib/data-requests/list-json.ts); it must stay byte
// for byte what dataRequestDto and JSON.stringify answer, optional keys left out as they are.

const list = (headers: Record<string, string>) => callRoute(GET, "/api/requests", { headers });
const at = (ms: number) => new Date(Date.UTC(2026, 10, 30, 12, 0, 0, ms));

describe("GET /requests as JSON text from PostgreSQL", () => {
  it("is byte for byte what the DTO wrote, newest first, without cancelled or expired requests", async () => {
    const who = await person();
    const other = await person();
    const far = new Date(Date.now() + 86_400_000);
    await db.dataRequest.createMany({
      data: [
        { userId: who.id, dataTypes: ["profile"], status: "queued", createdAt: at(1) },
        { userId: who.id, dataTypes: ["profile", "activity"], status: "processing", createdAt: at(2), expectedCompletion: at(999) },
        { userId: who.id, dataTypes: ["activity"], status: "completed", createdAt: at(3), expectedCompletion: at(5), completedAt: at(4), expiresAt: far },
        { userId: who.id, dataTypes: ["profile"], status: "failed", createdAt: at(3), failedAt: at(6) },
        { userId: who.id, dataTypes: ["profile"], status: "cancelled", createdAt: at(7), cancelledAt: at(8) },
        { userId: who.id, dataTypes: ["profile"], status: "completed", createdAt: at(9), completedAt: at(9), expiresAt: at(10) },
        { userId: other.id, dataTypes: ["profile"], status: "queued", createdAt: at(11) },
      ],
    });
    const response = await list((await bearerFor(who.id)).auth);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/json");
    expect(response.headers.get("cache-control")).toBe("private, no-store");
    const expected = JSON.stringify((await listDataRequests(who.id)).map(dataRequestDto));
    expect(await response.text()).toBe(expected);
    expect(JSON.parse(expected)).toHaveLength(4);
  });

  it("answers [] to a person with no requests", async () => {
    const who = await person();
    expect(await (await list((await bearerFor(who.id)).auth)).text()).toBe("[]");
  });

  it("records the token's and the grant's last use, and refuses a disabled person's token at once", async () => {
    const who = await person();
    const bearer = await bearerFor(who.id);
    expect((await list(bearer.auth)).status).toBe(200);
    const token = await db.oAuthToken.findFirstOrThrow({ where: { grantId: bearer.grantId } });
    expect(token.lastUsedAt).not.toBeNull();
    expect((await db.oAuthGrant.findUniqueOrThrow({ where: { id: bearer.grantId! } })).lastUsedAt).not.toBeNull();

    await db.user.update({ where: { id: who.id }, data: { status: "disabled" } });
    const refused = await list(bearer.auth);
    expect(refused.status).toBe(401);
    expect(refused.headers.get("www-authenticate")).toMatch(/^Bearer/);
  });

  it("refuses a token without requests:read with a 403 naming the scope", async () => {
    const who = await person();
    const writeOnly = await bearerFor(who.id, ["requests:write"]);
    const refused = await list(writeOnly.auth);
    expect(refused.status).toBe(403);
    expect(await refused.json()).toEqual({ error: "Forbidden", message: 'This token lacks the "requests:read" scope.' });
  });
});
