import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { adminPages, firstRequestPath, memberPages, signedOutPages } from "../support/pages";
import { signIn } from "../support/session";

/** axe-core's WCAG 2.1 A and AA rules on one page; serious and critical findings fail. */
async function expectAccessible(page: Page, path: string) {
  await page.goto(path);
  await expect(page.locator("main h1").first()).toBeVisible();
  const { violations } = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  const serious = violations
    .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
    .map((violation) => `${violation.id} (${violation.impact}): ${violation.help} at ${violation.nodes.map((node) => node.target.join(" ")).slice(0, 3).join(", ")}`);
  expect(serious, `${path}`).toEqual([]);
}

test.describe("no serious or critical accessibility violation", () => {
  test.slow(); // axe walks every page's whole tree: a few seconds a page on a loaded machine

  test("signed out", async ({ page }) => {
    for (const path of signedOutPages) await expectAccessible(page, path);
  });

  test("as a member", async ({ page }) => {
    await signIn(page, "alice@acme-retail.example");
    const detail = await firstRequestPath(page, "/connections", "request-row");
    const connection = await firstRequestPath(page, "/partners", "connection-row", "Active");
    for (const path of [...memberPages, detail, connection]) await expectAccessible(page, path);
  });

  test("as an admin", async ({ page }) => {
    await signIn(page, "admin@example.com");
    const detail = await firstRequestPath(page, "/admin/approvals", "queue-row");
    for (const path of [...adminPages, detail]) await expectAccessible(page, path);
  });
});
