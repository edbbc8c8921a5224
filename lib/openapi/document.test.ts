import fs from "node:fs";
import path from "node:path";
import { Validator } from "@seriousme/openapi-schema-validator";
import { describe, expect, it } from "vitest";
import { metricsPath } from "@/lib/server/http-server";
import { openApiDocument } from "@/tests/support/openapi";

const appDir = path.resolve(import.meta.dirname, "../../app");

/** Every route file, as the URL path it serves (`[uuid]` → `{uuid}`, route groups dropped). */
function servedPaths(dir = appDir, prefix = ""): string[] {
  const found: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    // The catch-alls that answer unknown /api paths with a JSON 404 are no endpoint to document.
    if (entry.isDirectory() && entry.name === "[...path]") continue;
    if (entry.isDirectory()) {
      const segment = entry.name.startsWith("(") ? "" : `/${entry.name.replace(/^\[\.\.\.(\w+)\]$/, "{$1}").replace(/^\[(\w+)\]$/, "{$1}")}`;
      found.push(...servedPaths(path.join(dir, entry.name), prefix + segment));
    } else if (entry.name === "route.ts" && (prefix.startsWith("/api") || prefix.startsWith("/.well-known"))) {
      found.push(prefix);
    }
  }
  return found;
}

describe("the OpenAPI document", () => {
  it("is valid OpenAPI 3.1 for an independent validator", async () => {
    const result = await new Validator().validate(JSON.parse(JSON.stringify(openApiDocument)));
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(openApiDocument.openapi).toBe("3.1.0");
  });

  it("lists every API route file, and only routes that exist, with and without the trailing slash", () => {
    // /api/metrics is answered by the server script (lib/server/http-server.ts), not a route file.
    const served = [...servedPaths(), metricsPath].sort();
    const documented = Object.keys(openApiDocument.paths ?? {});
    expect(served.length).toBeGreaterThan(15);
    for (const route of served) {
      expect(documented, route).toContain(route);
      expect(documented, `${route}/`).toContain(`${route}/`);
    }
    for (const route of documented) expect(served, route).toContain(route.replace(/\/$/, ""));
  });

  it("shows the seeds' examples: the empty list and the exact 401 of /requests", () => {
    const list = JSON.stringify(openApiDocument.paths?.["/api/timp/organizations/connections/request/"]);
    expect(list).toContain('"pagination":{"total_count":0,"start":0,"limit":50}');
    const requests = JSON.stringify(openApiDocument.paths?.["/api/requests"]);
    expect(requests).toContain("You are not authorized. Generate authentication tokens via OAuth to access this resource.");
  });
});
