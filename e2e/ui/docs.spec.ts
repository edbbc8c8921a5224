import { execFile } from "node:child_process";
import fs from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { expect, test, type Page } from "@playwright/test";

const run = promisify(execFile);

/** Opens /docs with every other origin cut off, as on a machine without network, and records what was asked of them. */
async function openReference(page: Page) {
  const elsewhere: string[] = [];
  const consoleErrors: string[] = [];
  page.on("console", (message) => message.type() === "error" && consoleErrors.push(message.text()));
  await page.route((url) => url.hostname !== "localhost", (route) => {
    elsewhere.push(route.request().url());
    return route.abort();
  });
  await page.goto("/docs");
  return { elsewhere, consoleErrors };
}

/** The code sample for one operation and language, as a person would copy it from the page. */
async function sample(page: Page, operationId: string, language: string) {
  const block = page.locator(`#${operationId} details[data-language="${language}"]`);
  if ((await block.getAttribute("open")) === null) await block.locator("summary").click();
  const code = block.locator("pre");
  await expect(code).toBeVisible();
  return code.innerText();
}

async function tokenFor(page: Page, username: string) {
  const response = await page.request.post("/api/timp/organizations/user-login/", { data: { username, password: "demo-password" } });
  expect(response.status()).toBe(200);
  return ((await response.json()) as { auth_token: string }).auth_token;
}

test("the API reference is painted with the page, offline, with nothing from another origin", async ({ page }, testInfo) => {
  const { elsewhere, consoleErrors } = await openReference(page);
  await expect(page).toHaveTitle(/API reference/);
  const heading = page.getByRole("heading", { name: "Crux Requests Portal API" });
  await expect(heading).toBeInViewport();
  await expect(page.getByRole("navigation", { name: "API reference contents" })).toBeVisible();

  // An endpoint's error answers, with their example bodies, one click away.
  const list = page.locator("#listDataRequests");
  await list.scrollIntoViewIfNeeded();
  await list.getByText("No valid bearer token.").click();
  await expect(list.getByText(/Generate authentication tokens via OAuth to access this resource/)).toBeInViewport();
  // Every language the mirrored API documents, each a visible program for this app's origin.
  for (const language of ["curl", "HTTPie", "Python (requests)", "Node.js"]) {
    expect(await sample(page, "listDataRequests", language)).toContain(`${new URL(page.url()).origin}/api/requests`);
  }
  await page.screenshot({ path: testInfo.outputPath("api-reference.png") });

  expect(elsewhere).toEqual([]);
  expect(consoleErrors).toEqual([]);
  await expect(page.getByRole("button", { name: /Ask AI|MCP/ })).toHaveCount(0);
});

test("lists every operation of the OpenAPI document, each with its responses", async ({ page, request }) => {
  const document = (await (await request.get("/api/openapi.json")).json()) as { paths: Record<string, Record<string, { operationId: string; responses: object }>> };
  await openReference(page);
  for (const operations of Object.values(document.paths)) {
    for (const operation of Object.values(operations)) {
      if (operation.operationId.endsWith("WithSlash")) continue;
      const section = page.locator(`#${operation.operationId}`);
      await expect(section, operation.operationId).toHaveCount(1);
      await expect(section.locator("summary .font-mono")).toHaveText(Object.keys(operation.responses));
    }
  }
});

test("the curl and Node.js examples work as printed, given a token", async ({ page }, testInfo) => {
  await openReference(page);
  const token = await tokenFor(page, "alice@acme-retail.example");

  const curl = (await sample(page, "createConnectionRequest", "curl")).replace("YOUR_TOKEN", token);
  const created = await run("bash", ["-c", `${curl} --silent --write-out '\\n%{http_code}'`]);
  const [body, status] = created.stdout.trim().split("\n").slice(-2);
  expect(status).toBe("201");
  const { request_uuid: id } = JSON.parse(body!) as { request_uuid: string };

  const program = (await sample(page, "getConnectionRequest", "Node.js")).replace("YOUR_TOKEN", token).replace(/0b9c4e0e-[0-9a-f-]+/, id);
  const file = path.join(testInfo.outputDir, "example.mjs");
  await fs.mkdir(testInfo.outputDir, { recursive: true });
  await fs.writeFile(file, program);
  // Playwright's workers force colours, which Node would put around the printed status.
  const fetched = await run(process.execPath, [file], { env: { ...process.env, FORCE_COLOR: "0" } });
  const [printedStatus, printedBody] = fetched.stdout.split("\n");
  expect(printedStatus).toBe("200");
  expect(JSON.parse(printedBody!)).toMatchObject({ record_uuid: id, org_name: "Globex Supply" });
});

test("the OpenAPI document is served as JSON", async ({ request }) => {
  const response = await request.get("/api/openapi.json");
  expect(response.status()).toBe(200);
  const document = await response.json();
  expect(document.openapi).toBe("3.1.0");
  expect(Object.keys(document.paths)).toContain("/api/requests");
});
