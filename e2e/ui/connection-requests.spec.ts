import { expect, test, type Page } from "@playwright/test";
import { signIn } from "../support/session";

const stamp = () => `${Date.now()}-${Math.random().toString(36).slice(2, 6)}`;

async function submitRequest(page: Page, supplier: string, { withFile = false } = {}) {
  await page.goto("/connections/new");
  await expect(page).toHaveTitle(/New connection request/);
  await page.getByLabel("Supplier name").fill(supplier);
  await page.getByLabel("Contact name").fill("Casey Contact");
  await page.getByLabel("Contact e-mail").fill("casey@supplier.example");

  const first = page.getByTestId("integration").nth(0);
  await first.getByLabel("Type").selectOption("item");
  await first.getByLabel("Update frequency (cron)").fill("not a cron");
  await expect(first.getByTestId("cron-preview")).toContainText("Enter a cron expression of 5 fields");
  await first.getByLabel("Update frequency (cron)").fill("30 6 * * 1-5");
  await expect(first.getByTestId("cron-preview")).toContainText("At 06:30, Monday through Friday");
  await expect(first.getByTestId("cron-preview")).toContainText("Next runs:");

  await page.getByRole("button", { name: "Add integration" }).click();
  const second = page.getByTestId("integration").nth(1);
  await second.getByLabel("Type").selectOption("order");
  await second.getByLabel("Update frequency (cron)").fill("0 */4 * * *");
  await second.getByLabel("File locations (one per line)").fill("https://files.supplier.example/orders/");

  if (withFile) {
    await page.getByLabel("Sample files").setInputFiles({ name: "items.csv", mimeType: "text/csv", buffer: Buffer.from("sku,qty\nA1,3\n") });
    await expect(page.getByTestId("uploaded-files")).toContainText("items.csv");
  }
  await page.getByRole("button", { name: "Submit request" }).click();
  await expect(page.getByRole("heading", { name: `Request to connect with ${supplier}` })).toBeVisible();
  return page.url().split("/").pop()!;
}

test("a member submits requests, an admin rejects one and approves another, the member sees both", async ({ page, browser }, testInfo) => {
  // Two people across a dozen pages: close to the default 30 s on a loaded 2-core machine.
  test.slow();
  const rejected = `Reject Me ${stamp()}`;
  const approved = `Approve Me ${stamp()}`;

  await signIn(page, "alice@acme-retail.example");
  const rejectedId = await submitRequest(page, rejected, { withFile: true });
  await expect(page.getByTestId("decision")).toContainText("Pending");
  await expect(page.getByRole("link", { name: "items.csv" })).toBeVisible();
  await expect(page.getByText("item · 30 6 * * 1-5")).toBeVisible();
  await expect(page.getByText("order · 0 */4 * * *")).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath("connection-request-detail.png"), fullPage: true });
  const approvedId = await submitRequest(page, approved);

  await page.goto("/connections");
  await expect(page.getByTestId("request-row").filter({ hasText: rejected })).toContainText("Pending");
  await page.screenshot({ path: testInfo.outputPath("connections-list.png"), fullPage: true });

  const admin = await browser.newPage();
  await signIn(admin, "admin@example.com");
  await admin.goto(`/admin/approvals?q=${encodeURIComponent(rejected)}`);
  await expect(admin.getByTestId("queue-row")).toHaveCount(1);
  await admin.screenshot({ path: testInfo.outputPath("approvals-queue.png"), fullPage: true });
  await admin.getByRole("link", { name: rejected }).click();
  await expect(admin.getByTestId("timeline-entry")).toHaveText([/^Submitted · .* · Alice/]);

  await admin.getByRole("button", { name: "Reject" }).click();
  await expect(admin.getByText("Give a reason for rejecting.")).toBeVisible();
  await admin.getByLabel("Reason or what to change (required to reject or request changes)").fill("Supplier is not onboarded yet.");
  await admin.getByRole("button", { name: "Reject" }).click();
  // Once decided, the page shows the decision instead of the form.
  await expect(admin.getByTestId("decision")).toContainText("Reason: Supplier is not onboarded yet.");
  await expect(admin.getByRole("button", { name: "Reject" })).toHaveCount(0);
  await expect(admin.getByTestId("timeline-entry").last()).toContainText("Rejected");
  await expect(admin.getByTestId("timeline-entry").last()).toContainText("“Supplier is not onboarded yet.”");
  await admin.screenshot({ path: testInfo.outputPath("approval-detail.png"), fullPage: true });

  await admin.goto(`/admin/approvals?q=${encodeURIComponent(approved)}`);
  await admin.getByRole("checkbox", { name: new RegExp(`Select request to ${approved}`) }).check();
  await admin.getByRole("button", { name: "Approve" }).click();
  await expect(admin.getByTestId("decision-result")).toContainText("Approved 1 request.");
  await expect(admin.getByTestId("queue-row").filter({ hasText: approved })).toContainText("Approved");

  await page.goto(`/connections/${rejectedId}`);
  await expect(page.getByTestId("decision")).toContainText("Rejected");
  await expect(page.getByTestId("decision")).toContainText("Reason: Supplier is not onboarded yet.");
  await expect(page.getByRole("link", { name: "Edit" })).toHaveCount(0);
  await page.goto(`/connections/${approvedId}`);
  await expect(page.getByTestId("decision")).toContainText("Approved");
  await expect(page.getByTestId("decision")).toContainText("by Ada Admin");
});

test("an admin narrows the queue to one organization from a row, and widens it again", async ({ page }) => {
  await signIn(page, "admin@example.com");
  await page.goto("/admin/approvals?status=pending");
  const northwind = page.getByTestId("queue-row").filter({ hasText: "Northwind Stores" }).first();
  await northwind.getByRole("link", { name: "Northwind Stores" }).click();
  await expect(page.getByTestId("organization-filter")).toContainText("Showing requests from Northwind Stores.");
  await expect(page.getByTestId("queue-row").first()).toBeVisible();
  for (const row of await page.getByTestId("queue-row").all()) await expect(row).toContainText("Northwind Stores");
  // The filter survives the search form, and its link brings every organization back.
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page.getByTestId("organization-filter")).toBeVisible();
  await page.getByRole("link", { name: "Show every organization" }).click();
  await expect(page.getByTestId("organization-filter")).toHaveCount(0);
  await expect(page.getByTestId("queue-row").filter({ hasText: "Acme Retail" }).first()).toBeVisible();
});

test("server-side errors appear next to their fields", async ({ page }) => {
  await signIn(page, "alice@acme-retail.example");
  await page.goto("/connections/new");
  await page.getByLabel("Contact e-mail").fill("not-an-email");
  await page.getByTestId("integration").nth(0).getByLabel("File locations (one per line)").fill("ftp://in\u0007valid");
  await page.getByRole("button", { name: "Submit request" }).click();
  await expect(page.getByTestId("form-error")).toHaveText("Please correct the fields marked below.");
  await expect(page.getByText("This field may not be blank.").first()).toBeVisible();
  await expect(page.getByText("Enter a valid email address.")).toBeVisible();
  await expect(page.getByText("Control characters are not allowed (only line breaks between locations).")).toBeVisible();
});

test("a pending request can be edited by its organization", async ({ page }) => {
  const supplier = `Edit Me ${stamp()}`;
  await signIn(page, "alice@acme-retail.example");
  const id = await submitRequest(page, supplier);
  await page.getByRole("link", { name: "Edit" }).click();
  await page.getByLabel("Contact name").fill("Eddie Edited");
  await page.getByRole("button", { name: "Remove integration 2" }).click();
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page).toHaveURL(new RegExp(`/connections/${id}$`));
  await expect(page.getByText("Eddie Edited")).toBeVisible();
  await expect(page.getByText("order · 0 */4 * * *")).toHaveCount(0);
});

test("members cannot open the approvals queue or another organization's request", async ({ page, browser }) => {
  await signIn(page, "alice@acme-retail.example");
  const id = await submitRequest(page, `Private ${stamp()}`);

  const bob = await browser.newPage();
  await signIn(bob, "bob@northwind.example");
  const queue = await bob.goto("/admin/approvals");
  expect(queue?.status()).toBe(404);
  await expect(bob.getByRole("heading", { name: "Page not found" })).toBeVisible();
  await expect(bob.getByRole("link", { name: "Approvals" })).toHaveCount(0);
  const other = await bob.goto(`/connections/${id}`);
  expect(other?.status()).toBe(404);
});

test("the list keeps page size and filters in the URL and shows an empty state", async ({ page }) => {
  await signIn(page, "alice@acme-retail.example");
  await page.goto("/connections?size=10&status=rejected");
  await expect(page.getByLabel("Per page")).toHaveValue("10");
  await expect(page.getByLabel("Status")).toHaveValue("rejected");
  for (const row of await page.getByTestId("request-row").all()) await expect(row).toContainText("Rejected");
  await page.goto(`/connections?q=${encodeURIComponent("no such supplier anywhere")}`);
  await expect(page.getByTestId("empty-state")).toHaveText("No requests match these filters.");
});
