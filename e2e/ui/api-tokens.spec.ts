import { expect, test } from "@playwright/test";
import { signIn } from "../support/session";

test("a member creates an API token, uses it, and revokes it", async ({ page, request }) => {
  await signIn(page, "alice@acme-retail.example");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Settings" }).click();
  await expect(page.getByRole("navigation", { name: "Settings" }).getByRole("link", { name: "API tokens" })).toHaveAttribute("aria-current", "page");
  await expect(page).toHaveTitle(/API tokens/);

  const name = `e2e ${Date.now()}`;
  await page.getByLabel("Name").fill(name);
  await page.getByLabel("Expires after").selectOption("7");
  await page.getByRole("button", { name: "Create token" }).click();
  const token = (await page.getByTestId("new-token-value").textContent())!.trim();
  expect(token).toMatch(/^timp_/);

  const row = page.getByTestId("token-row").filter({ hasText: name });
  await expect(row).toContainText("active");

  const auth = { Authorization: `Token ${token}` };
  expect((await request.get("/api/timp/organizations/connections/request/", { headers: auth })).status()).toBe(200);

  await page.reload();
  await expect(page.getByTestId("new-token")).toHaveCount(0); // shown once only
  await row.getByRole("button", { name: `Revoke ${name}` }).click();
  await expect(row).toContainText("revoked");
  expect((await request.get("/api/timp/organizations/connections/request/", { headers: auth })).status()).toBe(401);
});
