import { expect, test } from "@playwright/test";
import { addVirtualAuthenticator, enterPassword, registerFreshPerson } from "../support/accounts";

test("a member adds a passkey on the Security tab and signs in with it alone", async ({ browser }) => {
  test.slow();
  const context = await browser.newContext();
  const page = await context.newPage();
  const authenticator = await addVirtualAuthenticator(context, page);
  const { email, name } = await registerFreshPerson(page, "Pat");
  await enterPassword(page, email);
  await expect(page.getByRole("heading", { name: `Welcome, ${name}` })).toBeVisible();

  await page.goto("/settings");
  await page.getByRole("navigation", { name: "Settings" }).getByRole("link", { name: "Security" }).click();
  await expect(page.getByRole("heading", { name: "Security", level: 1 })).toBeVisible();
  await page.getByLabel("Passkey name").fill("Work laptop");
  await page.getByRole("button", { name: "Add a passkey" }).click();
  await expect(page.getByTestId("passkey-outcome")).toHaveText('Passkey "Work laptop" added.', { timeout: 20_000 });
  await expect(page.getByTestId("passkey-row")).toHaveCount(1);
  expect(await authenticator.credentials()).toHaveLength(1);

  await page.getByRole("button", { name: "Sign out", exact: true }).click();
  await expect(page).toHaveURL(/\/signin/);
  // No address typed: the passkey says who it is.
  await page.getByRole("button", { name: "Sign in with a passkey" }).click();
  await expect(page.getByRole("heading", { name: `Welcome, ${name}` })).toBeVisible({ timeout: 20_000 });
  await expect(page.getByTestId("signed-in-as")).toContainText(name);
  await page.goto("/settings/security");
  await expect(page.getByTestId("session-row").filter({ hasText: "(this browser)" })).toContainText("passkey");
});
