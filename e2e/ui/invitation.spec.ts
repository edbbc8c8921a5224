import { expect, test, type Browser, type Page } from "@playwright/test";
import { sidewaysOverflow } from "../support/pages";
import { signIn } from "../support/session";

// Following a real invitation link needs the token, which exists only in the e-mail, and the e2e
// server sends none (MAIL_CONSOLE=0): accepting is covered in Vitest through a real SMTP server
// (lib/connections/invitations.test.ts). Here: the admin's side, and a dead link on a phone.

async function signedIn(browser: Browser, email: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await signIn(page, email);
  return page;
}

test("approving a request for a supplier not on the portal invites them; the admin can revoke and resend", async ({ browser }) => {
  test.slow();
  const supplier = `Brand New Supplier ${Date.now().toString(36)}`;
  const contact = `new-${Date.now().toString(36)}@supplier.example`;
  const [retailer, admin] = [await signedIn(browser, "alice@acme-retail.example"), await signedIn(browser, "admin@example.com")];

  await retailer.goto("/connections/new");
  await retailer.getByLabel("Supplier name").fill(supplier);
  await retailer.getByLabel("Contact name").fill("Nora New");
  await retailer.getByLabel("Contact e-mail").fill(contact);
  const first = retailer.getByTestId("integration").nth(0);
  await first.getByLabel("Type").selectOption("item");
  await first.getByLabel("Update frequency (cron)").fill("0 2 * * *");
  await retailer.getByRole("button", { name: "Submit request" }).click();
  await expect(retailer.getByRole("heading", { name: `Request to connect with ${supplier}` })).toBeVisible();
  const requestId = retailer.url().split("/").pop()!;

  await admin.goto(`/admin/approvals/${requestId}`);
  await expect(admin.getByTestId("supplier-match")).toHaveText("No supplier organization on the portal has the requested name.");
  await expect(admin.getByLabel("Supplier organization", { exact: true })).toHaveValue("none");
  await admin.getByRole("button", { name: "Approve", exact: true }).click();
  await expect(admin.getByTestId("decision")).toContainText("Approved");

  const status = admin.getByTestId("invitation-status");
  await expect(status).toContainText(`Sent to ${contact}`);
  await expect(status).toContainText("expires on");
  await admin.getByRole("button", { name: "Revoke invitation" }).click();
  await expect(status).toContainText("revoked on");
  await admin.getByRole("button", { name: "Resend invitation" }).click();
  await expect(status).toContainText("(invitation 2)");
  await expect(status).toContainText("expires on");
});

test.describe("on a phone", () => {
  test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

  test("a link that does not work says so, signed out, and fits the screen", async ({ page }) => {
    await page.goto(`/invitations?token=si_${"0".repeat(43)}`);
    await expect(page.getByRole("heading", { name: "This invitation link does not work" })).toBeVisible();
    await expect(page.getByTestId("invitation-refusal")).toContainText("not valid");
    expect(await sidewaysOverflow(page)).toBeLessThanOrEqual(0);
  });
});
