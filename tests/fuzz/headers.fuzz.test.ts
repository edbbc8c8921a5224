/// <reference types="vite/client" />
import http from "node:http";
import fc from "fast-check";
import type { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDataRequest } from "@/lib/data-requests/requests";
import { db } from "@/lib/db/client";
import { compileTrustedProxies } from "@/lib/http/trusted-proxies";
import { bearerFor, person, sessionCookie } from "@/tests/support/fixtures";
import { serveRoute } from "@/tests/support/serve-route";

/**
 * Every route handler the app has, each method it exports, called over a real socket with every
 * header the app reads set to hostile values: never a 5xx, always a JSON error body, and a refused
 * request changes nothing.
 */
type Handler = (request: NextRequest, context: { params: Promise<Record<string, string | string[]>> }) => Promise<Response>;
const modules = import.meta.glob<Record<string, Handler>>("/app/**/route.ts", { eager: true });
const methods = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
// next-auth's own handler reads Next.js's request scope, which only a running Next.js server has.
const skipped = ["/app/api/auth/[...nextauth]/route.ts"];

interface Route {
  pattern: string;
  method: (typeof methods)[number];
  handler: Handler;
}
const routes: Route[] = Object.entries(modules)
  .filter(([file]) => !skipped.includes(file))
  .flatMap(([file, exports]) =>
    methods.filter((method) => exports[method]).map((method) => ({
      pattern: file.replace(/^\/app/, "").replace(/\/route\.ts$/, "").replace(/\/\([^)]+\)/g, "") || "/",
      method,
      handler: exports[method]!,
    })),
  );

const printable = fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((code) => String.fromCharCode(code)), maxLength: 120 });
const long = fc.constantFrom(
  "a".repeat(10_240),
  "%".repeat(10_240),
  `Bearer ${"x".repeat(10_240)}`,
  `Basic ${Buffer.from(`${"c".repeat(7_600)}:x`).toString("base64")}`,
  "=".repeat(10_240),
);
const anyValue = fc.oneof(printable, long, fc.constantFrom("", " ", "\t", "null", "undefined", "%", "%00", "ÿÿÿ", "\u00e9t\u00e9"));

describe("fuzzing the headers of every route", () => {
  const servers: { url: string; close: () => Promise<void> }[] = [];
  let ids: Record<string, string>;
  let credentials: Record<string, string>;

  beforeAll(async () => {
    const member = await person();
    const admin = await person({ admin: true });
    const request = await db.connectionRequest.create({
      data: { organizationId: member.organizationId!, requestedById: member.id, supplierName: "Headers", contactFullName: "H" },
    });
    const { requestId } = await createDataRequest(member.id, ["profile"]);
    const bearer = await bearerFor(member.id);
    ids = { uuid: request.id, requestId, id: requestId };
    credentials = {
      memberToken: `Token ${member.token}`,
      adminToken: `Token ${admin.token}`,
      bearer: `Bearer ${bearer.token}`,
      cookie: await sessionCookie(member.id),
    };
    // One server per trust setting: X-Forwarded-For believed from loopback, and from nobody.
    for (const trust of ["", "loopback"]) {
      servers.push(
        await serveRoute((request: NextRequest) => {
          const url = new URL(request.url);
          for (const route of routes) {
            const names: string[] = [];
            const source = route.pattern.replace(/\[([^\]]+)\]/g, (_match, name: string) => (names.push(name), "([^/]+)"));
            const match = new RegExp(`^${source}/?$`).exec(url.pathname);
            if (match && route.method === request.method) {
              const params = Object.fromEntries(names.map((name, index) => [name, decodeURIComponent(match[index + 1]!)]));
              return route.handler(request, { params: Promise.resolve(params) });
            }
          }
          return Promise.resolve(new Response("not routed", { status: 599 }));
        }, compileTrustedProxies(trust)),
      );
    }
  });

  afterAll(async () => {
    for (const server of servers) await server.close();
  });

  /** What a refused request must leave as it was: rows of every kind, the tracked objects' states. */
  async function fingerprint() {
    const [requests, files, dataRequests, tokens, grants, apiTokens, users, sessions, tracked, trackedData] = await Promise.all([
      db.connectionRequest.count(),
      db.uploadedFile.count(),
      db.dataRequest.count(),
      db.oAuthToken.count({ where: { revokedAt: null } }),
      db.oAuthGrant.count({ where: { revokedAt: null } }),
      db.apiToken.count({ where: { revokedAt: null } }),
      db.user.count(),
      db.userSession.count({ where: { revokedAt: null } }),
      db.connectionRequest.findUniqueOrThrow({ where: { id: ids.uuid }, select: { status: true, updatedAt: true } }),
      db.dataRequest.findUniqueOrThrow({ where: { id: ids.requestId }, select: { status: true } }),
    ]);
    return JSON.stringify({ requests, files, dataRequests, tokens, grants, apiTokens, users, sessions, tracked, trackedData });
  }

  const send = (base: string, method: string, path: string, headers: Record<string, string>, body?: string) =>
    new Promise<{ status: number; contentType: string; body: string }>((resolve, reject) => {
      const request = http.request(`${base}${path}`, { method, headers: { ...headers, ...(body !== undefined ? { "content-length": String(Buffer.byteLength(body)) } : {}) } }, (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () => resolve({ status: response.statusCode ?? 0, contentType: response.headers["content-type"] ?? "", body: Buffer.concat(chunks).toString() }));
      });
      request.on("error", reject);
      if (body !== undefined) request.end(body);
      else request.end();
    });

  const header = (name: string, values: fc.Arbitrary<string>) => fc.option(values.map((value) => [name, value] as const), { nil: undefined });
  // Basic credentials are form-urlencoded halves: an alphabet heavy in "%" and ":" finds bad escapes.
  const escapes = fc.string({ unit: fc.constantFrom("%", ":", "a", "0", "E", "+", "é"), maxLength: 12 });
  const authorization = (known: () => Record<string, string>) =>
    fc.oneof(
      { arbitrary: anyValue, weight: 1 },
      { arbitrary: fc.constantFrom("Basic JTo=", "Basic Og==", "Basic %%%", "Basic", "Bearer", "Token", "Token  ", "Bearer at_unknown", "Token timp_unknown", "Digest x", "basic JTo="), weight: 2 },
      { arbitrary: escapes.map((value) => `Basic ${Buffer.from(value).toString("base64")}`), weight: 2 },
      { arbitrary: fc.tuple(fc.constantFrom("Basic ", "Bearer ", "Token ", "bearer ", "TOKEN "), printable).map(([scheme, value]) => scheme + value), weight: 2 },
      { arbitrary: fc.constantFrom("memberToken", "adminToken", "bearer").map((name) => known()[name]!), weight: 2 },
    );
  const contentType = fc.oneof(
    { arbitrary: fc.constantFrom("application/json", "application/x-www-form-urlencoded"), weight: 4 },
    { arbitrary: fc.constantFrom("multipart/form-data", "multipart/form-data; boundary=", "application/json; charset=utf-16", "text/plain"), weight: 1 },
    { arbitrary: anyValue, weight: 1 },
  );
  const hostileHeaders = (known: () => Record<string, string>) =>
    fc
      .tuple(
        header("authorization", authorization(known)),
        header("content-type", contentType),
        header("idempotency-key", anyValue),
        header("origin", fc.oneof(anyValue, fc.constantFrom("null", "http://localhost:3000", "https://evil.example", "http://localhost:3000/"))),
        header("cookie", fc.oneof(anyValue, fc.constant(known().cookie!), printable.map((value) => `next-auth.session-token=${value}`))),
        header("x-forwarded-for", fc.oneof(anyValue, fc.constantFrom("1.2.3.4", "1.2.3.4, 5.6.7.8", "::1", "not-an-ip, ,", "999.999.999.999"))),
        header("x-portal-client-address", anyValue),
      )
      .map((pairs) => Object.fromEntries(pairs.filter((pair) => pair !== undefined)));
  const bodies = fc.constantFrom(undefined, "", "{}", "{", "grant_type=client_credentials&token=x", '{"reason": "x", "message": "x"}');

  // Every route and method gets its own runs, so a rare route is never left out by chance.
  it("never answers a 5xx, always explains a 4xx in JSON, and a refused request changes nothing", async () => {
    expect(routes.length).toBeGreaterThan(25);
    for (const route of routes) {
      await fc.assert(
        fc.asyncProperty(fc.constantFrom(0, 1), hostileHeaders(() => credentials), bodies, async (server, headers, body) => {
          const path = route.pattern.replace(/\[([^\]]+)\]/g, (_match, name: string) => ids[name] ?? "00000000-0000-4000-8000-000000000000");
          const before = await fingerprint();
          const response = await send(servers[server]!.url, route.method, path, headers, route.method === "GET" ? undefined : body);
          expect(response.status, `${route.method} ${path} ${response.body.slice(0, 300)}`).toBeLessThan(500);
          if (response.status >= 400) {
            // The authorization endpoint and its consent post are browser pages: they may explain in HTML.
            expect(response.contentType, `${route.method} ${path}`).toMatch(route.pattern === "/api/oauth/authorize" ? /json|html/ : /json/);
            if (/json/.test(response.contentType)) expect(Object.keys(JSON.parse(response.body)).length).toBeGreaterThan(0);
            else expect(response.body).toMatch(/<html/i);
            expect(await fingerprint(), `${route.method} ${path} changed state with ${response.status}`).toBe(before);
          }
        }),
        { numRuns: 40 },
      );
    }
  }, 300_000);
});
