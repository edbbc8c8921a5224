import { describe, expect, it } from "vitest";
import { verifyCredentials } from "@/lib/auth/options";
import { db } from "@/lib/db/client";
import { person, unique } from "@/tests/support/fixtures";
import { addressKey, consume, consumeForAccount, type AccountLimits, type Limit } from "./rate-limit";

const allowed = (attempt: Promise<unknown>) => attempt.then(() => true, (error: { status?: number }) => (error.status === 429 ? false : Promise.reject(error)));

describe("per-address limits", () => {
  it("count IPv4 (also written as IPv4-mapped IPv6) by the address and other IPv6 by its /64", () => {
    expect(addressKey("203.0.113.7")).toBe("203.0.113.7");
    expect(addressKey("::ffff:203.0.113.7")).toBe("203.0.113.7");
    expect(addressKey("2001:db8:1:2:aaaa::1")).toBe("2001:db8:1:2::/64");
    expect(addressKey("2001:0db8:0001:0002:ffff:ffff:ffff:ffff")).toBe("2001:db8:1:2::/64");
    expect(addressKey("2001:db8:1:3::1")).toBe("2001:db8:1:3::/64");
    expect(addressKey("unknown")).toBe("unknown");
  });

  it("give a whole IPv6 /64 one budget, and each IPv4 address its own", async () => {
    const limit: Limit = { name: `test-${unique()}`, points: 3, durationSeconds: 60, perAddress: true };
    const results = [];
    for (const suffix of ["1", "2", "3", "4"]) results.push(await allowed(consume(limit, `2001:db8:5:6::${suffix}`)));
    expect(results).toEqual([true, true, true, false]);
    expect(await allowed(consume(limit, "2001:db8:5:7::1"))).toBe(true);
    for (const n of [1, 2, 3, 4]) expect(await allowed(consume(limit, `198.51.100.${n}`))).toBe(true);
  });

  it("sign-in: rotating addresses inside one /64 does not escape the per-address limit", async () => {
    const attempts = [];
    for (let n = 0; n < 101; n++) {
      attempts.push(await allowed(verifyCredentials({ email: `spray-${n}-${unique()}@example.com`, password: "guess" }, { "x-portal-client-address": `2001:db8:77::${n.toString(16)}` })));
    }
    expect(attempts.slice(0, 100).every(Boolean)).toBe(true);
    expect(attempts[100]).toBe(false);
  });
});

describe("per-account limits keep room for the owner", () => {
  const limits = (): AccountLimits => ({
    address: { name: `a-${unique()}`, points: 4, durationSeconds: 60, perAddress: true },
    pair: { name: `p-${unique()}`, points: 2, durationSeconds: 60 },
    account: { name: `e-${unique()}`, points: 5, durationSeconds: 60 },
  });

  it("spends the address's budget first: a client past its own limit spends none of the account's", async () => {
    const rules = limits();
    const noisy = "203.0.113.50";
    for (let n = 0; n < 4; n++) await allowed(consumeForAccount(rules, `other-${n}@example.com`, noisy));
    for (let n = 0; n < 10; n++) expect(await allowed(consumeForAccount(rules, "owner@example.com", noisy))).toBe(false);
    // The account's shared budget (5) is whole: five new addresses still get through.
    for (let n = 0; n < 5; n++) expect(await allowed(consumeForAccount(rules, "owner@example.com", `198.51.100.${n}`))).toBe(true);
  });

  it("one address spends only its share of the account's budget", async () => {
    const rules = limits();
    const results = [];
    for (let n = 0; n < 3; n++) results.push(await allowed(consumeForAccount(rules, "owner@example.com", "203.0.113.60")));
    expect(results).toEqual([true, true, false]);
  });

  it("sign-in: strangers from many addresses use up the shared budget, the owner's usual address still gets in", async () => {
    const owner = await person();
    await db.user.update({ where: { id: owner.id }, data: { emailVerifiedAt: new Date() } });
    const home = { "x-portal-client-address": "2001:db8:aa:bb::10" };
    expect(await verifyCredentials({ email: owner.email, password: "a long test password" }, home)).toMatchObject({ id: owner.id });

    // Strangers, two guesses each from their own address, exhaust the account's shared 10.
    for (let n = 0; n < 8; n++) {
      const stranger = { "x-portal-client-address": `192.0.2.${n}` };
      for (let guess = 0; guess < 2; guess++) await allowed(verifyCredentials({ email: owner.email, password: `guess ${guess}` }, stranger));
    }
    await expect(verifyCredentials({ email: owner.email, password: "a long test password" }, { "x-portal-client-address": "192.0.2.200" })).rejects.toMatchObject({ status: 429 });
    // Another address in the owner's /64 (a new temporary IPv6 address) counts as the owner's.
    const again = await verifyCredentials({ email: owner.email, password: "a long test password" }, { "x-portal-client-address": "2001:db8:aa:bb::99" });
    expect(again).toMatchObject({ id: owner.id });
  });
});
