import fs from "node:fs";
import path from "node:path";
import { getRouteMatcher } from "next/dist/shared/lib/router/utils/route-matcher";
import { getRouteRegex } from "next/dist/shared/lib/router/utils/route-regex";
import { getSortedRoutes } from "next/dist/shared/lib/router/utils/sorted-routes";
import { describe, expect, it } from "vitest";
import * as anyApi from "@/app/api/[...path]/route";
import * as anyTimp from "@/app/api/timp/[...path]/route";
import { callRoute } from "@/tests/support/route";

const methods = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"] as const;

describe("a path under /api that matches no route", () => {
  it("answers the TIMP API's JSON 404 under /api/timp, for every method", async () => {
    for (const method of methods) {
      const response = await callRoute(anyTimp[method], `/api/timp/organizations/connections/${crypto.randomUUID()}/anything/`, { method });
      expect(response.status, method).toBe(404);
      expect(response.headers.get("content-type"), method).toMatch(/^application\/json/);
      if (method !== "HEAD") expect(await response.json(), method).toEqual({ detail: "Not found." });
    }
  });

  it("answers the /api/requests family's JSON 404 under the rest of /api, for every method", async () => {
    for (const method of methods) {
      const response = await callRoute(anyApi[method], "/api/no/such/thing", { method });
      expect(response.status, method).toBe(404);
      expect(response.headers.get("content-type"), method).toMatch(/^application\/json/);
      if (method !== "HEAD") expect(await response.json(), method).toEqual({ error: "Not Found", message: "Not found." });
    }
  });

  it("is tried after every real route, the way Next.js orders them, so none is shadowed", () => {
    const appDir = path.resolve(import.meta.dirname, "../../app");
    const pages = (fs.readdirSync(appDir, { recursive: true }) as string[])
      .filter((file) => file.endsWith(`${path.sep}route.ts`) && file.startsWith(`api${path.sep}`))
      .map((file) => `/${path.dirname(file).split(path.sep).join("/")}`);
    expect(pages).toEqual(expect.arrayContaining(["/api/[...path]", "/api/timp/[...path]"]));
    const sorted = getSortedRoutes(pages);
    const firstMatch = (pathname: string) => sorted.find((page) => getRouteMatcher(getRouteRegex(page))(pathname) !== false);
    for (const page of pages.filter((page) => !page.endsWith("/[...path]"))) {
      const sample = page.replace(/\[\.\.\.\w+\]/g, "a/b").replace(/\[\w+\]/g, "sample");
      expect(firstMatch(sample), sample).toBe(page);
    }
    expect(firstMatch("/api/timp/organizations/connections/x/anything")).toBe("/api/timp/[...path]");
    expect(firstMatch("/api/nothing")).toBe("/api/[...path]");
  });
});
