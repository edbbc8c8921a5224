import fs from "node:fs";
import path from "node:path";

/**
 * Route patterns (`/api/requests/[requestId]`) for metrics labels and logs: a label per route,
 * never per id, so the series stay few. Read from the build's routes manifest; `extraRoutes` are
 * paths the server answers itself.
 */
export function routePatternMatcher(root: string, extraRoutes: string[] = []): (pathname: string) => string {
  const manifestPath = path.join(root, ".next", "routes-manifest.json");
  const manifest = fs.existsSync(manifestPath)
    ? (JSON.parse(fs.readFileSync(manifestPath, "utf8")) as { staticRoutes?: { page: string }[]; dynamicRoutes?: { page: string; regex: string }[] })
    : {};
  const staticPages = new Set((manifest.staticRoutes ?? []).map((route) => route.page));
  const dynamic = (manifest.dynamicRoutes ?? []).map((route) => ({ page: route.page, regex: new RegExp(route.regex) }));
  return (pathname) => {
    if (pathname.startsWith("/_next/")) return "/_next/*";
    const trimmed = pathname.length > 1 ? pathname.replace(/\/+$/, "") : pathname;
    if (extraRoutes.includes(trimmed)) return trimmed;
    if (staticPages.has(trimmed)) return trimmed;
    return dynamic.find((route) => route.regex.test(trimmed))?.page ?? "unmatched";
  };
}
