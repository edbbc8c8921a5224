import { expect, test } from "@playwright/test";
import { signIn } from "../support/session";

test.slow(); // two people, two browsers, and the worker's fan-out between them

test("an admin asks for changes, the requester edits and resubmits, the admin approves; both see the timeline", async ({ page, browser, request }, testInfo) => {
  const supplier = `Changes ${Date.now()}`;
  const login = await request.post("/api/timp/organizations/user-login/", { data: { username: "alice@acme-retail.example", password: "demo-password" } });
  const { auth_token } = await login.json();
  const created = await request.post("/api/timp/organizations/connections/request/", {
    headers: { Authorization: `Token ${auth_token}` },
    data: { organization_name: supplier, primary_contact_name: "Casey", integrations: [{ type: "item", update_frequency: "0 2 * * *" }] },
  });
  const { request_uuid: id } = await created.json();

  const admin = await browser.newPage();
  await signIn(admin, "admin@example.com");
  await admin.goto("/admin/approvals?status=pending&q=" + encodeURIComponent(supplier));
  await admin.getByRole("link", { name: supplier }).click();
  await expect(admin.getByRole("heading", { name: `Acme Retail → ${supplier}` })).toBeVisible();
  await admin.getByRole("button", { name: "Request changes" }).click();
  await expect(admin.getByText("Say what the requester should change.")).toBeVisible();
  await admin.getByLabel("Reason or what to change (required to reject or request changes)").fill("Please add the supplier's account number.");
  await admin.getByRole("button", { name: "Request changes" }).click();
  await expect(admin.getByTestId("decision")).toContainText("Sent back to its requester for changes");
  await expect(admin.getByRole("button", { name: "Approve" })).toHaveCount(0);

  // The requester is told, sees the message prominently, edits and resubmits.
  await signIn(page, "alice@acme-retail.example");
  await expect(async () => {
    await page.goto("/notifications");
    await expect(page.getByTestId("notification").filter({ hasText: `Changes requested: ${supplier}` })).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: 20_000 });
  await expect(page.getByTestId("unread-count")).toBeVisible();
  // Fetching the request's page (a prefetch, a link checker) reads nothing: only showing it does.
  const notification = page.getByTestId("notification").filter({ hasText: `Changes requested: ${supplier}` });
  expect((await page.request.get(`/connections/${id}`)).status()).toBe(200);
  await page.reload();
  await expect(notification).toHaveAttribute("data-read", "false");
  await page.getByRole("link", { name: `Changes requested: ${supplier}` }).click();
  const alert = page.getByTestId("changes-requested");
  await expect(alert).toBeVisible();
  await expect(async () => {
    await page.goto("/notifications");
    await expect(notification).toHaveAttribute("data-read", "true", { timeout: 1000 });
  }).toPass({ timeout: 10_000 });
  await page.goto(`/connections/${id}`);
  await expect(alert).toBeVisible();
  await expect(alert).toContainText("“Please add the supplier's account number.”");
  await page.screenshot({ path: testInfo.outputPath("changes-requested.png"), fullPage: true });
  await page.getByRole("link", { name: "Edit" }).click();
  await page.getByLabel("Account number with the supplier").fill("ACC-778");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page).toHaveURL(new RegExp(`/connections/${id}$`));
  await page.getByRole("button", { name: "Resubmit for review" }).click();
  // Back in review: the request says so, and the admins' message has done its job.
  await expect(page.getByTestId("decision")).toContainText("Waiting for a platform admin to review it.");
  await expect(page.getByTestId("changes-requested")).toHaveCount(0);

  await admin.reload();
  await admin.getByRole("button", { name: "Approve" }).click();
  await expect(admin.getByTestId("decision")).toContainText("Approved");
  const events = ["Submitted", "Changes requested", "Edited", "Resubmitted", "Approved"];
  await expect(admin.getByTestId("timeline-entry")).toHaveText(events.map((event) => new RegExp(`^${event} · `)));

  await page.reload();
  await expect(page.getByTestId("timeline-entry")).toHaveText(events.map((event) => new RegExp(`^${event} · `)));
  await expect(page.getByTestId("timeline-entry").nth(1)).toContainText("“Please add the supplier's account number.”");
  await expect(page.getByTestId("timeline")).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath("timeline.png"), fullPage: true });
});
