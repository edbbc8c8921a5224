import { expect, test } from "@playwright/test";

test.setTimeout(120_000);

test("the API reference renders offline and shows the data requests endpoint with its 401 example", async ({ page }, testInfo) => {
  const external: string[] = [];
  page.on("request", (request) => {
    if (!request.url().startsWith(new URL(page.url() === "about:blank" ? "http://localhost:3210" : page.url()).origin)) external.push(request.url());
  });
  // Anything not served by this app is cut off, as on a machine without network.
  await page.route((url) => url.hostname !== "localhost", (route) => route.abort());
  await page.goto("/docs");
  await expect(page).toHaveTitle(/API reference/);
  const reference = page.getByTestId("api-reference");
  // Scalar's bundle is large: on a busy two-core machine it takes a while to render.
  await reference.getByRole("button", { name: "Open Group - Data requests" }).click({ timeout: 60_000 });
  await reference.getByText("The caller's active data requests, newest first.").first().click();
  const operation = reference.locator("section", { hasText: "No valid bearer token." }).first();
  await operation.getByRole("tab", { name: "Status: 401" }).click();
  await expect(operation.getByText(/Generate authentication tokens via OAuth to access this resource/).first()).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath("api-reference.png") });
  // Scalar's stylesheet names its web fonts on its CDN; the CSP refuses them and system fonts are
  // used. No script, stylesheet or document comes from anywhere but this app.
  expect(external.filter((url) => !/^https:\/\/fonts\.scalar\.com\/[\w-]+\.woff2$/.test(url))).toEqual([]);
});

test("the OpenAPI document is served as JSON", async ({ request }) => {
  const response = await request.get("/api/openapi.json");
  expect(response.status()).toBe(200);
  const document = await response.json();
  expect(document.openapi).toBe("3.1.0");
  expect(Object.keys(document.paths)).toContain("/api/requests");
});
