import { expect, test, type Browser, type Page } from "@playwright/test";
import { signIn } from "../support/session";

async function signedIn(browser: Browser, email: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await signIn(page, email);
  return page;
}

const feedRow = (page: Page, type: string) => page.getByTestId("feed-row").filter({ hasText: type });

/** Moves a feed on the connection page and waits until the page shows its new phase. */
async function moveFeed(page: Page, type: string, phase: "testing" | "live", label: string, note = "") {
  const form = page.getByRole("form", { name: `Move the ${type} feed` });
  await form.getByLabel("Phase").selectOption(phase);
  await form.getByLabel("Note").fill(note);
  await form.getByRole("button", { name: "Move" }).click();
  await expect(feedRow(page, type).getByTestId("feed-phase")).toHaveText(label);
}

test("a retailer's request becomes a connection the supplier confirms; both take its feeds live, then the retailer ends it", async ({ browser }, testInfo) => {
  // Three people across a dozen pages: more than the default 30 s on a loaded 2-core machine.
  test.slow();
  const [retailer, admin, supplier] = [
    await signedIn(browser, "alice@acme-retail.example"),
    await signedIn(browser, "admin@example.com"),
    await signedIn(browser, "sam@globex-supply.example"),
  ];

  // The retailer asks for Globex Supply, with two feeds.
  await retailer.goto("/connections/new");
  await retailer.getByLabel("Supplier name").fill("Globex Supply");
  await retailer.getByLabel("Contact name").fill("Gina Globex");
  await retailer.getByLabel("Contact e-mail").fill("gina@globex-supply.example");
  const first = retailer.getByTestId("integration").nth(0);
  await first.getByLabel("Type").selectOption("item");
  await first.getByLabel("Update frequency (cron)").fill("0 2 * * *");
  await retailer.getByRole("button", { name: "Add integration" }).click();
  const second = retailer.getByTestId("integration").nth(1);
  await second.getByLabel("Type").selectOption("order");
  await second.getByLabel("Update frequency (cron)").fill("*/15 * * * *");
  await retailer.getByRole("button", { name: "Submit request" }).click();
  await expect(retailer.getByRole("heading", { name: "Request to connect with Globex Supply" })).toBeVisible();
  const requestId = retailer.url().split("/").pop()!;

  // An admin approves it as the page offers it: the supplier whose name matches is linked.
  await admin.goto(`/admin/approvals/${requestId}`);
  await expect(admin.getByTestId("supplier-match")).toContainText("Globex Supply");
  await expect(admin.getByLabel("Supplier organization", { exact: true }).locator("option:checked")).toHaveText("Globex Supply");
  await admin.getByRole("button", { name: "Approve", exact: true }).click();
  await expect(admin.getByTestId("decision")).toContainText("Approved");

  // The retailer's request page leads to the connection, which its Connections list shows waiting
  // for Globex Supply. Other tests approve Acme Retail's requests at the same time, so the row is
  // found by its link, not by being the newest.
  await retailer.reload();
  await retailer.getByRole("link", { name: "Open the connection" }).click();
  await expect(retailer.getByRole("heading", { name: "Connection with Globex Supply" })).toBeVisible();
  const id = retailer.url().split("/").pop()!;
  await retailer.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Connections", exact: true }).click();
  await expect(retailer.getByRole("heading", { name: "Connections", level: 1 })).toBeVisible();
  const listed = retailer.locator(`[data-testid="connection-row"]:has(a[href="/partners/${id}"])`);
  await expect(listed).toContainText("Globex Supply");
  await expect(listed).toContainText("Waiting for confirmation");
  await listed.getByRole("link", { name: "Globex Supply" }).click();
  await expect(retailer.getByRole("heading", { name: "Connection with Globex Supply" })).toBeVisible();
  await expect(retailer.getByRole("button", { name: "Confirm" })).toHaveCount(0);

  // The supplier sees it waiting and confirms it.
  await supplier.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Connections", exact: true }).click();
  const row = supplier.locator(`[data-testid="connection-row"]:has(a[href="/partners/${id}"])`);
  await expect(row).toContainText("Acme Retail");
  await expect(row).toContainText("Waiting for confirmation");
  await row.getByRole("link", { name: "Acme Retail" }).click();
  await expect(supplier.getByRole("heading", { name: "Connection with Acme Retail" })).toBeVisible();
  await expect(supplier.getByTestId("party-supplier")).toContainText("gina@globex-supply.example");
  await supplier.getByRole("button", { name: "Confirm" }).click();
  await expect(supplier.getByTestId("connection-summary")).toContainText("Active");
  await expect(supplier.getByRole("button", { name: "Confirm" })).toHaveCount(0);

  // Each side takes one feed live; each sees the other's after one reload.
  await retailer.reload();
  await expect(retailer.getByTestId("connection-summary")).toContainText("Active");
  await moveFeed(retailer, "item", "testing", "Testing");
  await moveFeed(retailer, "item", "live", "Live", "Item files arrive nightly.");
  await supplier.reload();
  await expect(feedRow(supplier, "item").getByTestId("feed-phase")).toHaveText("Live");
  await moveFeed(supplier, "order", "testing", "Testing");
  await moveFeed(supplier, "order", "live", "Live");
  await retailer.reload();
  await expect(feedRow(retailer, "order").getByTestId("feed-phase")).toHaveText("Live");
  await expect(retailer.getByTestId("connection-summary")).toContainText("2 of 2 live");
  for (const type of ["item", "order"]) await expect(retailer.getByTestId("timeline-entry").filter({ hasText: `The ${type} feed moved from Testing to Live` })).toBeVisible();
  await expect(retailer.getByTestId("timeline-entry").filter({ hasText: "“Item files arrive nightly.”" })).toBeVisible();
  await retailer.screenshot({ path: testInfo.outputPath("connection-live.png"), fullPage: true });

  // The retailer ends it with a reason; the supplier reads it.
  const deactivate = retailer.getByRole("form", { name: "Deactivate the connection" });
  await deactivate.getByRole("button", { name: "Deactivate" }).click();
  await expect(deactivate.getByText("This field may not be blank.")).toBeVisible();
  await deactivate.getByLabel("Reason").fill("We move our orders to a new platform.");
  await deactivate.getByRole("button", { name: "Deactivate" }).click();
  await expect(retailer.getByTestId("connection-summary")).toContainText("Deactivated");

  await supplier.reload();
  await expect(supplier.getByTestId("connection-summary")).toContainText("Deactivated");
  await expect(supplier.getByRole("button", { name: "Move" })).toHaveCount(0);
  const ended = supplier.getByTestId("timeline-entry").last();
  await expect(ended).toContainText("Deactivated");
  await expect(ended).toContainText("Alice");
  await expect(ended).toContainText("“We move our orders to a new platform.”");
  await supplier.screenshot({ path: testInfo.outputPath("connection-deactivated.png"), fullPage: true });

  for (const page of [retailer, admin, supplier]) await page.context().close();
});
