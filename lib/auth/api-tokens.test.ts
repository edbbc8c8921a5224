import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { person } from "@/tests/support/fixtures";
import { actorForSession } from "./sessions";
import { actorForApiToken, issueApiToken, listApiTokens, revokeApiToken } from "./api-tokens";

const firstPage = { start: 0, limit: 25 };

describe("API tokens", () => {
  it("are listed to their owner without hashes, with their state", async () => {
    const owner = await person();
    const actor = (await actorForApiToken(owner.token))!;
    const { tokens, total } = await listApiTokens(actor, firstPage);
    expect(total).toBe(1);
    expect(tokens).toHaveLength(1);
    expect(tokens[0]).toMatchObject({ name: "test", state: "active" });
    expect(JSON.stringify(tokens)).not.toMatch(/tokenHash|[0-9a-f]{64}/);
  });

  it("can be revoked by their owner only, taking effect at once", async () => {
    const [owner, other] = [await person(), await person()];
    const ownerActor = (await actorForApiToken(owner.token))!;
    const otherActor = (await actorForApiToken(other.token))!;
    const [token] = (await listApiTokens(ownerActor, firstPage)).tokens;
    expect(await revokeApiToken(otherActor, token!.id)).toBe(false);
    expect(await actorForApiToken(owner.token)).not.toBeNull();
    expect(await revokeApiToken(ownerActor, token!.id)).toBe(true);
    expect(await actorForApiToken(owner.token)).toBeNull();
    expect((await listApiTokens(ownerActor, firstPage)).tokens[0]!.state).toBe("revoked");
  });

  it("are listed a page at a time, newest first, with the total", async () => {
    const owner = await person();
    const actor = (await actorForApiToken(owner.token))!;
    for (let n = 1; n <= 4; n++) {
      const { record } = await issueApiToken(owner.id, { name: `login ${n}`, lifetimeMs: 60_000 });
      await db.apiToken.update({ where: { id: record.id }, data: { createdAt: new Date(Date.now() + n * 1000) } });
    }
    const second = await listApiTokens(actor, { start: 2, limit: 2 });
    expect(second.total).toBe(5);
    expect(second.tokens.map((token) => token.name)).toEqual(["login 2", "login 1"]);
  });

  it("expire at their expiry", async () => {
    const owner = await person();
    const { token } = await issueApiToken(owner.id, { name: "short", lifetimeMs: 1000 });
    expect(await actorForApiToken(token)).not.toBeNull();
    expect(await actorForApiToken(token, new Date(Date.now() + 2000))).toBeNull();
  });

  it("are separate from browser sessions: a token id is no session", async () => {
    const owner = await person();
    const record = await db.apiToken.findFirstOrThrow({ where: { userId: owner.id } });
    expect(await actorForSession(record.id)).toBeNull();
  });
});
