import { expect, test, type Browser, type Page } from "@playwright/test";
import { firstLink, mailCount, newestMail } from "../support/mailbox";
import { sidewaysOverflow } from "../support/pages";
import { signIn } from "../support/session";

// The invitation's token exists only in the e-mail: the supplier follows the link from the mail
// the test server's SMTP server received (e2e/support/mailbox.ts), on a phone.

async function signedIn(browser: Browser, email: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await signIn(page, email);
  return page;
}

test("approving a request for a supplier not on the portal invites them; a revoked link fails, the resent one registers the supplier, who sees the connection", async ({ browser }) => {
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
  const invited = /invites you to Crux Requests/;
  const revokedLink = firstLink(await newestMail(contact, invited));
  await admin.getByRole("button", { name: "Revoke invitation" }).click();
  await expect(status).toContainText("revoked on");
  const mailedBefore = mailCount(contact, invited);
  await admin.getByRole("button", { name: "Resend invitation" }).click();
  await expect(status).toContainText("(invitation 2)");
  await expect(status).toContainText("expires on");

  // The supplier's contact, signed out on a phone: the first link no longer works, the new one does.
  const phone = await (await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true })).newPage();
  await phone.goto(revokedLink);
  await expect(phone.getByTestId("invitation-refusal")).toContainText("withdrawn");
  const link = firstLink(await newestMail(contact, invited, { after: mailedBefore }));
  expect(link).not.toBe(revokedLink);
  await phone.goto(link);
  await expect(phone.getByRole("heading", { name: "Acme Retail invites you to Crux Requests" })).toBeVisible();
  expect(await sidewaysOverflow(phone)).toBeLessThanOrEqual(0);
  await expect(phone.getByLabel("Organization name")).toHaveValue(supplier);
  await phone.getByLabel("Your name").fill("Nora New");
  await phone.getByLabel("Password").fill("a long e2e password");
  await phone.getByRole("button", { name: "Accept invitation" }).click();
  await expect(phone.getByRole("heading", { name: /^Welcome/ })).toBeVisible();
  await phone.goto("/partners");
  const row = phone.getByTestId("connection-row").filter({ hasText: "Acme Retail" });
  await expect(row).toContainText("Waiting for confirmation");
  // The link is spent.
  const again = await (await browser.newContext()).newPage();
  await again.goto(link);
  await expect(again.getByTestId("invitation-refusal")).toContainText("already used");
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
