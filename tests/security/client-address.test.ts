import type { IncomingMessage } from "node:http";
import { afterEach, describe, expect, it } from "vitest";
import { POST as userLogin } from "@/app/api/timp/organizations/user-login/route";
import { clientAddressHeader, stampClientAddress } from "@/lib/http/client-address";
import { compileTrustedProxies } from "@/lib/http/trusted-proxies";
import { serveRoute } from "@/tests/support/serve-route";

const incoming = (peer: string, headers: Record<string, string>) =>
  ({ socket: { remoteAddress: peer }, connection: { remoteAddress: peer }, headers: { ...headers } }) as unknown as IncomingMessage;

describe("the client address the app believes", () => {
  it("is the socket's peer unless a trusted proxy forwarded the request", () => {
    const forged = { "x-forwarded-for": "1.2.3.4, 5.6.7.8", [clientAddressHeader]: "9.9.9.9" };
    expect(stampClientAddress(incoming("203.0.113.9", forged), compileTrustedProxies(""))).toBe("203.0.113.9");
    expect(stampClientAddress(incoming("203.0.113.9", forged), compileTrustedProxies("0"))).toBe("203.0.113.9");
    // One hop: the peer is the proxy, and the last forwarded entry is who connected to it.
    expect(stampClientAddress(incoming("10.0.0.2", forged), compileTrustedProxies("1"))).toBe("5.6.7.8");
    expect(stampClientAddress(incoming("10.0.0.2", forged), compileTrustedProxies("2"))).toBe("1.2.3.4");
    // By range: only trusted hops are skipped, from the right.
    expect(stampClientAddress(incoming("10.0.0.2", forged), compileTrustedProxies("10.0.0.0/8"))).toBe("5.6.7.8");
    expect(stampClientAddress(incoming("198.51.100.7", forged), compileTrustedProxies("10.0.0.0/8"))).toBe("198.51.100.7");
    expect(stampClientAddress(incoming("127.0.0.1", forged), compileTrustedProxies("loopback, 5.6.7.8"))).toBe("1.2.3.4");
  });

  it("overwrites a value the client sent in the internal header", () => {
    const request = incoming("203.0.113.9", { [clientAddressHeader]: "10.1.1.1" });
    stampClientAddress(request, compileTrustedProxies(""));
    expect(request.headers[clientAddressHeader]).toBe("203.0.113.9");
  });

  it("refuses a TRUSTED_PROXIES entry that is no address, range or known name", () => {
    expect(() => compileTrustedProxies("10.0.0.0/99")).toThrow();
    expect(() => compileTrustedProxies("proxy.example")).toThrow();
  });
});

describe("per-address sign-in limits over a real socket", () => {
  let close: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await close?.();
  });

  const rotateForwardedFor = async (url: string, attempts: number) => {
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    for (let attempt = 0; attempt < attempts; attempt++) {
      const response = await fetch(`${url}/api/timp/organizations/user-login/`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-forwarded-for": `198.51.${attempt >> 8}.${attempt & 255}` },
        body: JSON.stringify({ username: `spray-${attempt}@example.com`, password: "guess" }),
      });
      statuses.push(response.status);
      if (response.status === 429) retryAfter = response.headers.get("retry-after");
    }
    return { statuses, retryAfter };
  };

  it("are not escaped by rotating X-Forwarded-For when no proxy is trusted", async () => {
    const served = await serveRoute(userLogin, compileTrustedProxies(""));
    close = served.close;
    const { statuses, retryAfter } = await rotateForwardedFor(served.url, 101);
    expect(new Set(statuses.slice(0, 100))).toEqual(new Set([401]));
    expect(statuses[100]).toBe(429);
    expect(Number(retryAfter)).toBeGreaterThan(0);
  });

  it("count each forwarded client separately behind a trusted proxy", async () => {
    const served = await serveRoute(userLogin, compileTrustedProxies("loopback"));
    close = served.close;
    const { statuses } = await rotateForwardedFor(served.url, 101);
    expect(new Set(statuses)).toEqual(new Set([401]));
  });
});
