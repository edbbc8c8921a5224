import { expect, test } from "@playwright/test";
import { firstLink, newestMail } from "../support/mailbox";

const unique = () => Math.random().toString(36).slice(2, 10);

test.describe("sign-in", () => {
  test("register, confirm the address from the e-mail, sign in, see the signed-in home, sign out", async ({ page }) => {
    const email = `e2e-${unique()}@example.com`;
    const org = `E2E Retail ${unique()}`;

    await page.goto("/register");
    await expect(page).toHaveTitle(/Register/);
    await page.getByLabel("First name").fill("Erin");
    await page.getByLabel("Last name").fill("Example");
    await page.getByLabel("E-mail").fill(email);
    await page.getByLabel("Password").fill("a long e2e password");
    await page.getByLabel("Organization name").fill(org);
    await page.getByRole("button", { name: "Create account" }).click();

    await expect(page.getByTestId("check-email")).toContainText(`Check your e-mail: we sent a message to ${email}`);
    await page.goto(firstLink(await newestMail(email, /Confirm your e-mail address/)));
    await page.getByRole("button", { name: "Confirm my address" }).click();
    await expect(page).toHaveURL(/\/signin/);
    await page.getByLabel("E-mail").fill(email);
    await page.getByLabel("Password").fill("a long e2e password");
    await page.getByRole("button", { name: "Sign in", exact: true }).click();

    await expect(page.getByRole("heading", { name: "Welcome, Erin Example" })).toBeVisible();
    await expect(page.getByTestId("home-summary")).toHaveText(`You are a member of ${org} (retailer).`);
    await expect(page.getByTestId("signed-in-as")).toHaveText(`Erin Example · ${org}`);

    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/signin/);
    await page.goto("/");
    await expect(page).toHaveURL(/\/signin\?callbackUrl=%2F/);
  });

  test("registration errors are shown next to their fields", async ({ page }) => {
    await page.goto("/register");
    await page.getByLabel("E-mail").fill("not an e-mail");
    await page.getByLabel("Password").fill("short");
    await page.getByRole("button", { name: "Create account" }).click();
    await expect(page.getByTestId("form-error")).toHaveText("Please correct the fields marked below.");
    await expect(page.getByLabel("E-mail")).toHaveAttribute("aria-invalid", "true");
    await expect(page.getByText("Use at least 12 characters.")).toBeVisible();
    await expect(page.getByText("Enter your first name.")).toBeVisible();
  });

  test("a wrong password is refused without saying whether the account exists", async ({ page }) => {
    for (const email of ["alice@acme-retail.example", `nobody-${unique()}@example.com`]) {
      await page.goto("/signin");
      await page.getByLabel("E-mail").fill(email);
      await page.getByLabel("Password").fill("wrong password!");
      await page.getByRole("button", { name: "Sign in", exact: true }).click();
      await expect(page.getByTestId("form-error")).toHaveText("The e-mail address or password is not right.");
    }
  });

  test("a copied session cookie stops working after sign-out", async ({ page, browser }) => {
    await page.goto("/signin");
    await page.getByLabel("E-mail").fill("bob@northwind.example");
    await page.getByLabel("Password").fill("demo-password");
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await expect(page.getByRole("heading", { name: "Welcome, Bob Baker" })).toBeVisible();

    const copied = await page.context().cookies();
    const session = copied.find((cookie) => cookie.name.endsWith("next-auth.session-token"))!;
    // Over plain http (tests) the cookie cannot be Secure; behind https APP_URL makes it __Secure-.
    expect(session).toMatchObject({ httpOnly: true, sameSite: "Lax", secure: false });
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/signin/);

    const thief = await browser.newContext();
    await thief.addCookies(copied);
    const stolen = await thief.newPage();
    await stolen.goto("/");
    await expect(stolen).toHaveURL(/\/signin/);
    await thief.close();
  });
});
