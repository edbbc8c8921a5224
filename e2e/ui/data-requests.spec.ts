import { expect, test } from "@playwright/test";
import { signIn } from "../support/session";

test("a person files a data request, sees it complete without reloading, and downloads it", async ({ page }, testInfo) => {
  await signIn(page, "sam@globex-supply.example");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Your data" }).click();
  await expect(page).toHaveTitle(/Your data/);

  await page.getByRole("button", { name: "Request my data" }).click();
  await expect(page.getByTestId("data-request-result")).toContainText("Ask for at least one data type.");

  await page.getByLabel("Select all").check();
  await expect(page.getByRole("checkbox", { name: /Profile/ })).toBeChecked();
  await page.getByLabel("Select all").uncheck();
  await page.getByRole("checkbox", { name: /Profile/ }).check();
  await page.getByRole("checkbox", { name: /Activity/ }).check();
  await page.getByRole("button", { name: "Request my data" }).click();
  await expect(page.getByTestId("data-request-result")).toContainText("Request filed.");

  const request = page.getByTestId("data-request").filter({ hasText: "Profile, Activity" }).first();
  await expect(request).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath("data-requests-pending.png"), fullPage: true });
  // The worker runs in the app; the page refreshes itself while the request is in progress.
  await expect(request.getByTestId("data-request-state")).toHaveText("ready", { timeout: 30_000 });
  await expect(page.getByTestId("live-announcement")).toHaveText("Your copy of your data is ready to download.");
  await expect(request).toContainText("the download expires in 30 days");
  await page.screenshot({ path: testInfo.outputPath("data-requests-ready.png"), fullPage: true });

  const downloadPromise = page.waitForEvent("download");
  await request.getByRole("link", { name: "Download" }).click();
  const download = await downloadPromise;
  expect(download.suggestedFilename()).toMatch(/^data-export-\d{4}-\d\d-\d\d-[0-9a-f]{8}\.zip$/);
  const bytes = await (await download.createReadStream()).toArray();
  const zip = Buffer.concat(bytes);
  expect(zip.subarray(0, 2).toString("latin1")).toBe("PK");
  expect(zip.includes(Buffer.from("profile.json"))).toBe(true);
  expect(zip.includes(Buffer.from("activity.json"))).toBe(true);
  expect(zip.includes(Buffer.from("organization.json"))).toBe(false);
});
