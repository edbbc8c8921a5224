import { expect, test } from "@playwright/test";
import { signIn } from "../support/session";

test("a member's home leads with what needs them; an admin's shows the queue", async ({ page, browser }, testInfo) => {
  const supplier = `Home Page Supplier ${Date.now()}`;
  await signIn(page, "alice@acme-retail.example");
  await page.goto("/connections/new");
  await page.getByLabel("Supplier name").fill(supplier);
  await page.getByLabel("Contact name").fill("Casey Contact");
  await page.getByRole("button", { name: "Submit request" }).click();
  await expect(page.getByRole("heading", { name: `Request to connect with ${supplier}` })).toBeVisible();
  const id = page.url().split("/").pop()!;

  const admin = await browser.newPage();
  await signIn(admin, "admin@example.com");
  const queue = admin.getByTestId("queue-by-state");
  await expect(queue).toBeVisible();
  const pending = Number(await queue.getByTestId("count-pending").locator("span").first().innerText());
  expect(pending).toBeGreaterThan(0);
  await expect(admin.getByTestId("oldest-pending")).toContainText("Oldest pending:");
  await admin.screenshot({ path: testInfo.outputPath("admin-home.png"), fullPage: true });
  await admin.goto(`/admin/approvals/${id}`);
  await admin.getByLabel("Reason or what to change (required to reject or request changes)").fill("Add the supplier's account number.");
  await admin.getByRole("button", { name: "Request changes" }).click();
  await expect(admin.getByTestId("decision")).toContainText("Changes requested");
  await admin.close();

  await page.goto("/");
  const needsChanges = page.getByTestId("needs-changes");
  await expect(needsChanges).toBeInViewport();
  await expect(needsChanges.getByRole("link", { name: supplier })).toBeVisible();
  await expect(needsChanges).toContainText("“Add the supplier's account number.”");
  await expect(page.getByTestId("count-changes_requested")).toBeVisible();
  await expect(page.getByTestId("recent-decisions")).toContainText(supplier);
  await page.screenshot({ path: testInfo.outputPath("member-home.png"), fullPage: true });
  await needsChanges.getByRole("link", { name: supplier }).click();
  await expect(page).toHaveURL(new RegExp(`/connections/${id}$`));
});

test("the CSV export downloads the list as filtered", async ({ page }) => {
  await signIn(page, "admin@example.com");
  await page.goto("/admin/approvals?status=pending");
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Export CSV" }).click()]);
  expect(download.suggestedFilename()).toMatch(/^approval-queue-\d{4}-\d{2}-\d{2}\.csv$/);
  const text = await (await download.createReadStream()).toArray().then((chunks) => Buffer.concat(chunks).toString("utf8"));
  const lines = text.trim().split("\n");
  expect(lines[0]).toMatch(/^Request ID,Supplier,Requesting organization/);
  expect(lines.length).toBeGreaterThan(1);
  expect(lines.slice(1).every((line) => line.includes(",pending,"))).toBe(true);
});
