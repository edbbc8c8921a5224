import { describe, expect, it } from "vitest";
import { GET as listTypes } from "@/app/api/data-types/route";
import { GET as getOne, DELETE as cancel } from "@/app/api/requests/[requestId]/route";
import { GET as download } from "@/app/api/requests/[requestId]/download/route";
import { db } from "@/lib/db/client";
import { bearerFor, person, sessionCookie } from "@/tests/support/fixtures";
import { callRoute } from "@/tests/support/route";
import { GET, POST } from "@/app/api/requests/route";

const unauthorized = {
  error: "Unauthorized",
  message: "You are not authorized. Generate authentication tokens via OAuth to access this resource.",
};
const isoUtc = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

const list = (headers: Record<string, string>, url = "/api/requests") => callRoute(GET, url, { headers });
const create = (headers: Record<string, string>, body: unknown) =>
  callRoute(POST, "/api/requests", { method: "POST", headers: { ...headers, "content-type": "application/json" }, body: JSON.stringify(body) });
const one = (headers: Record<string, string>, id: string) => callRoute(getOne, `/api/requests/${id}`, { headers }, { requestId: id });

describe("/api/requests authentication", () => {
  it("answers 401 with exactly the seed's body and a Bearer challenge to every credential but a valid access token", async () => {
    const who = await person();
    const bearer = await bearerFor(who.id);
    const expired = await bearerFor(who.id, undefined, { expiresInMs: -1000 });
    const revoked = await bearerFor(who.id);
    await db.oAuthToken.updateMany({ where: { grantId: revoked.grantId }, data: { revokedAt: new Date() } });
    const grantRevoked = await bearerFor(who.id);
    await db.oAuthGrant.update({ where: { id: grantRevoked.grantId! }, data: { revokedAt: new Date() } });
    const cases: [string, Record<string, string>, string?][] = [
      ["no credentials", {}],
      ["unknown token", { authorization: "Bearer at_unknown" }],
      ["expired token", expired.auth],
      ["revoked token", revoked.auth],
      ["revoked grant", grantRevoked.auth],
      ["TIMP token", who.auth],
      ["TIMP token as bearer", { authorization: `Bearer ${who.token}` }],
      ["session cookie", { cookie: await sessionCookie(who.id) }],
      ["token in the query string", {}, `/api/requests?access_token=${bearer.token}`],
      ["wrong scheme", { authorization: `Token ${bearer.token}` }],
    ];
    for (const [name, headers, url] of cases) {
      const response = await list(headers, url);
      expect(response.status, name).toBe(401);
      expect(response.headers.get("www-authenticate"), name).toMatch(/^Bearer/);
      expect(await response.json(), name).toEqual(unauthorized);
    }
    expect((await list(bearer.auth)).status).toBe(200);
  });

  it("answers 403 to a token without the scope, and to a token acting for nobody", async () => {
    const who = await person();
    const readOnly = await bearerFor(who.id, ["requests:read"]);
    expect((await list(readOnly.auth)).status).toBe(200);
    const refused = await create(readOnly.auth, { dataRequested: ["profile"] });
    expect(refused.status).toBe(403);
    expect(await refused.json()).toEqual({ error: "Forbidden", message: 'This token lacks the "requests:write" scope.' });
    expect(await db.dataRequest.count({ where: { userId: who.id } })).toBe(0);

    const machine = await bearerFor(null);
    expect((await list(machine.auth)).status).toBe(403);
  });
});

describe("/api/requests", () => {
  it("creates a request: 201, the seed's fields, a Location, a random v4 id", async () => {
    const who = await person();
    const { auth } = await bearerFor(who.id);
    const response = await create(auth, { dataRequested: ["profile", "activity"] });
    expect(response.status).toBe(201);
    const body = await response.json();
    expect(body).toEqual({
      requestId: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/),
      createdAt: expect.stringMatching(isoUtc),
      expectedCompletion: expect.stringMatching(isoUtc),
      isCompleted: false,
      dataRequested: ["profile", "activity"],
    });
    expect(body).not.toHaveProperty("completedAt");
    expect(response.headers.get("location")).toBe(`/api/requests/${body.requestId}`);
    const sla = Date.parse(body.expectedCompletion) - Date.parse(body.createdAt);
    expect(sla).toBe(24 * 3_600_000);
  });

  it("lists the caller's active requests newest first as a bare array, never anyone else's", async () => {
    const [me, other] = [await person(), await person()];
    const [mine, theirs] = [await bearerFor(me.id), await bearerFor(other.id)];
    const first = await (await create(mine.auth, { dataRequested: ["profile"] })).json();
    const second = await (await create(mine.auth, { dataRequested: ["organization"] })).json();
    const foreign = await (await create(theirs.auth, { dataRequested: ["profile"] })).json();
    const body = await (await list(mine.auth)).json();
    expect(Array.isArray(body)).toBe(true);
    expect(body.map((r: { requestId: string }) => r.requestId)).toEqual([second.requestId, first.requestId]);
    expect((await one(mine.auth, foreign.requestId)).status).toBe(404);
    expect((await one(mine.auth, "not-a-uuid")).status).toBe(404);
    expect(await (await one(mine.auth, first.requestId)).json()).toEqual(first);
  });

  it("refuses empty, duplicate and unknown data types, listing the valid ones", async () => {
    const who = await person();
    const { auth } = await bearerFor(who.id);
    const cases: [unknown, RegExp][] = [
      [{ dataRequested: [] }, /at least one/],
      [{ dataRequested: ["profile", "profile"] }, /once/],
      [{}, /required/],
      [{ dataRequested: "profile" }, /array/],
      [["profile"], /JSON object/],
    ];
    for (const [body, message] of cases) {
      const response = await create(auth, body);
      expect(response.status).toBe(400);
      expect(JSON.stringify(await response.json())).toMatch(message);
    }
    const unknown = await create(auth, { dataRequested: ["profile", "dna"] });
    expect(unknown.status).toBe(400);
    const body = await unknown.json();
    expect(body.error).toBe("Bad Request");
    expect(body.message).toMatch(/Unknown data type: dna\. Valid ones: profile, organization, connection_requests/);
    expect(await db.dataRequest.count({ where: { userId: who.id } })).toBe(0);
  });

  it("limits open requests per person with 429 and Retry-After", async () => {
    const who = await person();
    const { auth } = await bearerFor(who.id);
    for (let index = 0; index < 3; index++) expect((await create(auth, { dataRequested: ["profile"] })).status).toBe(201);
    const refused = await create(auth, { dataRequested: ["profile"] });
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await db.dataRequest.count({ where: { userId: who.id } })).toBe(3);
  });

  it("cancels a pending request (204), which then disappears; another person's is 404", async () => {
    const [me, other] = [await person(), await person()];
    const [mine, theirs] = [await bearerFor(me.id), await bearerFor(other.id)];
    const { requestId } = await (await create(mine.auth, { dataRequested: ["profile"] })).json();
    const remove = (headers: Record<string, string>) => callRoute(cancel, `/api/requests/${requestId}`, { method: "DELETE", headers }, { requestId });
    expect((await remove(theirs.auth)).status).toBe(404);
    expect((await remove(mine.auth)).status).toBe(204);
    expect(await (await list(mine.auth)).json()).toEqual([]);
    expect((await one(mine.auth, requestId)).status).toBe(404);
    expect((await remove(mine.auth)).status).toBe(404);
  });

  it("serves the archive only once completed, and only to its owner", async () => {
    const [me, other] = [await person(), await person()];
    const [mine, theirs] = [await bearerFor(me.id), await bearerFor(other.id)];
    const { requestId } = await (await create(mine.auth, { dataRequested: ["profile"] })).json();
    const get = (headers: Record<string, string>) => callRoute(download, `/api/requests/${requestId}/download`, { headers }, { requestId });
    expect((await get(mine.auth)).status).toBe(409);
    const { drainQueue } = await import("@/lib/data-requests/worker");
    await drainQueue("test-worker");
    const archive = await get(mine.auth);
    expect(archive.status).toBe(200);
    expect(archive.headers.get("content-type")).toBe("application/zip");
    expect(archive.headers.get("content-disposition")).toMatch(/^attachment; filename="data-export-/);
    expect(new Uint8Array(await archive.arrayBuffer()).subarray(0, 2)).toEqual(new Uint8Array([0x50, 0x4b]));
    expect((await get(theirs.auth)).status).toBe(404);
    const completed = await (await one(mine.auth, requestId)).json();
    expect(completed).toMatchObject({ isCompleted: true, completedAt: expect.stringMatching(isoUtc) });
  });

  it("lists the data-type catalogue", async () => {
    const who = await person();
    const response = await callRoute(listTypes, "/api/data-types", { headers: (await bearerFor(who.id)).auth });
    const types = await response.json();
    expect(types.map((type: { id: string }) => type.id)).toEqual([
      "profile", "organization", "connection_requests", "uploaded_files", "api_tokens", "oauth_authorizations", "activity",
    ]);
    expect(types[0]).toEqual({ id: "profile", title: "Profile", description: expect.any(String) });
  });
});
