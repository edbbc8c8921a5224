import { expect, test, type Locator, type Page } from "@playwright/test";
import { demoPassword } from "../support/session";

/**
 * Moves focus with Tab only, as a keyboard user does, until `target` has it; then checks the
 * focus can be seen (the :focus-visible outline is drawn).
 */
async function tabTo(page: Page, target: Locator, maxPresses = 80) {
  // Typing into a server-rendered field before React has hydrated it can be undone by hydration;
  // a person reads the page first. No request in flight for 500 ms: the page's scripts have run.
  await page.waitForLoadState("networkidle");
  for (let press = 0; press < maxPresses; press++) {
    if (await target.evaluate((element) => element === document.activeElement)) {
      const ring = await target.evaluate((element) => {
        const style = getComputedStyle(element);
        return { focusVisible: element.matches(":focus-visible"), outline: style.outlineStyle, width: parseFloat(style.outlineWidth) };
      });
      expect(ring.focusVisible).toBe(true);
      expect(ring.outline).not.toBe("none");
      expect(ring.width).toBeGreaterThan(0);
      return;
    }
    await page.keyboard.press("Tab");
  }
  throw new Error(`Tab never reached ${target}`);
}

async function typeInto(page: Page, field: Locator, text: string) {
  await tabTo(page, field);
  await page.keyboard.press("ControlOrMeta+A");
  await page.keyboard.type(text);
}

async function signInByKeyboard(page: Page, email: string) {
  await page.goto("/signin");
  await typeInto(page, page.getByLabel("E-mail"), email);
  await typeInto(page, page.getByLabel("Password"), demoPassword);
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { name: /^Welcome/ })).toBeVisible();
}

test("keyboard only: a member submits a request, an admin rejects it with a reason", async ({ page, browser }, testInfo) => {
  test.slow();
  const supplier = `Keyboard Supplier ${Date.now()}`;
  await signInByKeyboard(page, "alice@acme-retail.example");
  await tabTo(page, page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Connection requests" }));
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/connections$/);
  await tabTo(page, page.getByRole("link", { name: "New request" }));
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/connections\/new$/);
  await expect(page).toHaveTitle(/New connection request/);

  await typeInto(page, page.getByLabel("Supplier name"), supplier);
  await typeInto(page, page.getByLabel("Contact name"), "Kim Keys");
  await typeInto(page, page.getByLabel("Contact e-mail"), "kim@keys.example");
  const integration = page.getByTestId("integration").first();
  await tabTo(page, integration.getByLabel("Type"));
  await page.keyboard.type("order"); // a closed select follows what is typed
  await expect(integration.getByLabel("Type")).toHaveValue("order");
  await typeInto(page, integration.getByLabel("Update frequency (cron)"), "15 7 * * 1-5");
  await expect(integration.getByTestId("cron-preview")).toContainText("At 07:15, Monday through Friday");
  await page.screenshot({ path: testInfo.outputPath("keyboard-form.png") });
  await tabTo(page, page.getByRole("button", { name: "Submit request" }));
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { name: `Request to connect with ${supplier}` })).toBeVisible();

  const admin = await browser.newPage();
  await signInByKeyboard(admin, "admin@example.com");
  await tabTo(admin, admin.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Approvals" }));
  await admin.keyboard.press("Enter");
  await expect(admin).toHaveURL(/\/admin\/approvals$/);
  await typeInto(admin, admin.getByLabel("Search supplier or organization"), supplier);
  await admin.keyboard.press("Enter");
  await expect(admin).toHaveURL(/\/admin\/approvals\?q=/);
  await expect(admin.getByTestId("queue-row")).toHaveCount(1);
  await tabTo(admin, admin.getByRole("link", { name: supplier }));
  await admin.keyboard.press("Enter");
  await expect(admin.getByRole("heading", { name: `Acme Retail → ${supplier}` })).toBeVisible();
  await typeInto(admin, admin.getByLabel("Reason or what to change (required to reject or request changes)"), "Supplier is not onboarded yet.");
  await tabTo(admin, admin.getByRole("button", { name: "Reject" }));
  await admin.screenshot({ path: testInfo.outputPath("keyboard-reject-focused.png") });
  await admin.keyboard.press("Enter");
  await expect(admin.getByTestId("decision")).toContainText("Reason: Supplier is not onboarded yet.");

  await admin.close();

  await page.reload();
  await expect(page.getByTestId("decision")).toContainText("Rejected");
});
