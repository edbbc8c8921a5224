import { expect, test, type Page } from "@playwright/test";
import { adminPages, firstRequestPath, memberPages, sidewaysOverflow, signedOutPages } from "../support/pages";
import { signIn } from "../support/session";

// An iPhone-sized screen: 390 CSS pixels wide.
test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

async function expectFitsTheScreen(page: Page, path: string) {
  await page.goto(path);
  await expect(page.locator("main h1").first()).toBeVisible();
  expect(await sidewaysOverflow(page), `${path} scrolls sideways`).toBeLessThanOrEqual(0);
}

test("signed-out pages fit a phone's width", async ({ page }) => {
  test.slow(); // a walk through every page of the audience, a few seconds each on a loaded machine
  for (const path of signedOutPages) await expectFitsTheScreen(page, path);
});

test("a member's header is a menu on a phone, every request's state in view", async ({ page }, testInfo) => {
  await signIn(page, "alice@acme-retail.example");
  // The header is one line: the links wait behind the menu button.
  const menu = page.getByRole("button", { name: "Menu" });
  await expect(menu).toBeVisible();
  const main = page.getByRole("navigation", { name: "Main" });
  await expect(main.getByRole("link", { name: "Connection requests" })).toBeHidden();
  expect((await main.boundingBox())!.height).toBeLessThan(80);
  await page.screenshot({ path: testInfo.outputPath("phone-home.png"), fullPage: true });
  await menu.click();
  await expect(page.getByRole("button", { name: "Close menu" })).toHaveAttribute("aria-expanded", "true");
  await page.screenshot({ path: testInfo.outputPath("phone-menu-open.png") });
  await main.getByRole("link", { name: "Connection requests" }).click();
  await expect(page).toHaveURL(/\/connections$/);
  await expect(main.getByRole("link", { name: "Your data" })).toBeHidden();

  const rows = page.getByTestId("request-row");
  await expect(rows.first()).toBeVisible();
  for (const row of await rows.all()) {
    const status = row.locator("td").last();
    await expect(status).toBeVisible();
    const box = (await status.boundingBox())!;
    expect(box.x + box.width).toBeLessThanOrEqual(390);
  }
  await page.screenshot({ path: testInfo.outputPath("phone-connections.png"), fullPage: true });
});

test("every page of a member's fits a phone's width", async ({ page }) => {
  test.slow(); // a walk through every page of the audience, a few seconds each on a loaded machine
  await signIn(page, "alice@acme-retail.example");
  const detail = await firstRequestPath(page, "/connections", "request-row");
  const connection = await firstRequestPath(page, "/partners", "connection-row", "Active");
  for (const path of [...memberPages, detail, connection]) await expectFitsTheScreen(page, path);
});

test("an admin's pages fit a phone, the queue's states in view", async ({ page }, testInfo) => {
  test.slow(); // a walk through every page of the audience, a few seconds each on a loaded machine
  await signIn(page, "admin@example.com");
  const detail = await firstRequestPath(page, "/admin/approvals", "queue-row");
  for (const row of (await page.getByTestId("queue-row").all()).slice(0, 10)) {
    const box = (await row.locator("td").last().boundingBox())!;
    expect(box.x + box.width).toBeLessThanOrEqual(390);
  }
  await page.screenshot({ path: testInfo.outputPath("phone-approvals.png"), fullPage: true });
  for (const path of [...adminPages, detail]) await expectFitsTheScreen(page, path);
});
