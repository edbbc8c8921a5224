import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { person } from "@/tests/support/fixtures";
import { actorForSession } from "./sessions";
import { actorForApiToken, issueApiToken, listApiTokens, revokeApiToken } from "./api-tokens";

describe("API tokens", () => {
  it("are listed to their owner without hashes, with their state", async () => {
    const owner = await person();
    const actor = (await actorForApiToken(owner.token))!;
    const tokens = await listApiTokens(actor);
    expect(tokens).toHaveLength(1);
    expect(tokens[0]).toMatchObject({ name: "test", state: "active" });
    expect(JSON.stringify(tokens)).not.toMatch(/tokenHash|[0-9a-f]{64}/);
  });

  it("can be revoked by their owner only, taking effect at once", async () => {
    const [owner, other] = [await person(), await person()];
    const ownerActor = (await actorForApiToken(owner.token))!;
    const otherActor = (await actorForApiToken(other.token))!;
    const [token] = await listApiTokens(ownerActor);
    expect(await revokeApiToken(otherActor, token!.id)).toBe(false);
    expect(await actorForApiToken(owner.token)).not.toBeNull();
    expect(await revokeApiToken(ownerActor, token!.id)).toBe(true);
    expect(await actorForApiToken(owner.token)).toBeNull();
    expect((await listApiTokens(ownerActor))[0]!.state).toBe("revoked");
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
