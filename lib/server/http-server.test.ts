import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { compileTrustedProxies } from "../http/trusted-proxies";
import { createPortalServer } from "./http-server";

const servers: { close(): void }[] = [];
afterEach(() => servers.splice(0).forEach((server) => server.close()));

/** The portal's server in front of a handler that answers with the request id it was given. */
async function serve(trustedProxies: string) {
  const server = createPortalServer({
    handle: async (request, response) => void response.end(String(request.headers["x-request-id"])),
    routeOf: (pathname) => pathname,
    metrics: async () => ({ contentType: "text/plain", text: "" }),
    metricsToken: undefined,
    trust: compileTrustedProxies(trustedProxies),
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe("X-Request-Id", () => {
  it("is taken from a trusted proxy, for the app and in the answer", async () => {
    const url = await serve("loopback");
    const response = await fetch(url, { headers: { "x-request-id": "lb-7f3a9c21-trace" } });
    expect(response.headers.get("x-request-id")).toBe("lb-7f3a9c21-trace");
    expect(await response.text()).toBe("lb-7f3a9c21-trace");
  });

  it("is replaced by a fresh one when the peer is not a trusted proxy: a client does not choose what the logs say", async () => {
    const url = await serve("");
    const response = await fetch(url, { headers: { "x-request-id": "lb-7f3a9c21-trace" } });
    expect(response.headers.get("x-request-id")).toMatch(uuid);
    expect(await response.text()).toBe(response.headers.get("x-request-id"));
  });

  it("is replaced when malformed, even from a trusted proxy", async () => {
    const url = await serve("loopback");
    const response = await fetch(url, { headers: { "x-request-id": "<script>alert(1)</script>" } });
    expect(response.headers.get("x-request-id")).toMatch(uuid);
  });
});
