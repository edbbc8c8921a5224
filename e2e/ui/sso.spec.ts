import { expect, test, type Page } from "@playwright/test";
import { unique } from "../support/accounts";

/** "Sign in with Test IdP", then the provider's own login form (it takes any login name). */
async function signInThroughProvider(page: Page, login: string) {
  await page.goto("/signin");
  await page.getByRole("button", { name: "Sign in with Test IdP" }).click();
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill("anything");
  await page.locator('button[type="submit"]').click();
}

test.describe("single sign-on through an OpenID provider started by the test", () => {
  test("a new person arrives without an organization; a verified address links its account; an unverified one is refused", async ({ browser }) => {
    test.slow();
    const newcomer = await (await browser.newContext()).newPage();
    const email = `sso-${unique()}@example.com`;
    await signInThroughProvider(newcomer, email);
    await expect(newcomer.getByRole("heading", { name: /^Welcome/ })).toBeVisible();
    await expect(newcomer.getByTestId("signed-in-as")).not.toContainText("·");
    await newcomer.goto("/settings/security");
    await expect(newcomer.getByTestId("session-row").filter({ hasText: "(this browser)" })).toContainText("sso");

    const bob = await (await browser.newContext()).newPage();
    await signInThroughProvider(bob, "bob@northwind.example");
    await expect(bob.getByRole("heading", { name: "Welcome, Bob Baker" })).toBeVisible();
    await expect(bob.getByTestId("signed-in-as")).toHaveText("Bob Baker · Northwind Stores");

    const mallory = await (await browser.newContext()).newPage();
    await signInThroughProvider(mallory, "alice@acme-retail.example#unverified");
    await expect(mallory).toHaveURL(/\/signin\?error=SsoEmailUnverified/);
    await expect(mallory.getByTestId("sign-in-refusal")).toContainText("has not verified that e-mail address");
  });

  test("the Security tab lists a person's signed-in browsers and signs one out", async ({ browser }) => {
    const login = `sessions-${unique()}@example.com`;
    const [first, second] = [await (await browser.newContext()).newPage(), await (await browser.newContext()).newPage()];
    await signInThroughProvider(first, login);
    await expect(first.getByRole("heading", { name: /^Welcome/ })).toBeVisible();
    await signInThroughProvider(second, login);
    await expect(second.getByRole("heading", { name: /^Welcome/ })).toBeVisible();

    await first.goto("/settings/security");
    const rows = first.getByTestId("session-row");
    await expect(rows).toHaveCount(2);
    await expect(rows.filter({ hasText: "(this browser)" })).toContainText("Chrome");
    await rows.filter({ hasNotText: "(this browser)" }).getByRole("button", { name: /^Sign out / }).click();
    await expect(first.getByTestId("session-outcome")).toHaveText("That browser is signed out.");
    await expect(rows).toHaveCount(1);
    await second.reload();
    await expect(second).toHaveURL(/\/signin\?callbackUrl=/);
  });
});
