import { expect, test, type Page } from "@playwright/test";
import { addVirtualAuthenticator, currentCode, enterPassword, registerFreshPerson } from "../support/accounts";
import { signIn } from "../support/session";

const signOut = (page: Page) => page.getByRole("button", { name: "Sign out", exact: true }).click();

/** The Security tab's "Verify" step after the password, with what goes in the "Code" field. */
async function verify(page: Page, code: string) {
  await expect(page.getByRole("heading", { name: "Verify it is you" })).toBeVisible();
  await page.getByLabel("Code").fill(code);
  await page.getByRole("button", { name: "Verify" }).click();
}

test("an admin enrols an authenticator app and a passkey, and signs in with each; recovery codes work once", async ({ browser }) => {
  test.slow();
  // A new admin of their own: the demo admin signs in with a password in the other specs.
  const context = await browser.newContext();
  const page = await context.newPage();
  await addVirtualAuthenticator(context, page);
  const { email, name } = await registerFreshPerson(page, "Ada");
  const admin = await (await browser.newContext()).newPage();
  await signIn(admin, "admin@example.com");
  await admin.goto(`/admin/people?q=${encodeURIComponent(email)}`);
  await admin.getByRole("link", { name }).click();
  await admin.getByRole("button", { name: "Make admin" }).click();
  await expect(admin.getByTestId("person-action-result")).toContainText("admin");

  // The authenticator app: the QR code and the key on a line of its own, then a first code.
  await enterPassword(page, email);
  await expect(page.getByRole("heading", { name: `Welcome, ${name}` })).toBeVisible();
  await page.goto("/settings/security");
  await page.getByRole("button", { name: "Set up an authenticator app" }).click();
  await expect(page.getByRole("img", { name: "QR code for your authenticator app" })).toBeVisible();
  const key = (await page.getByTestId("totp-key").textContent())!;
  expect(key).toMatch(/^[A-Z2-7 ]+$/);
  await page.getByLabel("Code").fill(currentCode(key, Date.now() - 30_000));
  await page.getByRole("button", { name: "Turn on" }).click();
  await expect(page.getByTestId("totp-outcome")).toContainText("Your authenticator app is on.");
  const recoveryCodes = await page.getByTestId("recovery-codes").getByRole("listitem").allTextContents();
  expect(recoveryCodes).toHaveLength(10);
  await expect(page.getByTestId("recovery-codes")).toBeVisible();

  // And a passkey.
  await page.reload();
  await page.getByLabel("Passkey name").fill("Admin key");
  await page.getByRole("button", { name: "Add a passkey" }).click();
  await expect(page.getByTestId("passkey-outcome")).toHaveText('Passkey "Admin key" added.', { timeout: 20_000 });

  // Password, then the app's code.
  await signOut(page);
  await enterPassword(page, email);
  await verify(page, currentCode(key));
  await expect(page.getByRole("heading", { name: `Welcome, ${name}` })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Approvals" })).toBeVisible();

  // Password, then the passkey as the second factor.
  await signOut(page);
  await enterPassword(page, email);
  await expect(page.getByRole("heading", { name: "Verify it is you" })).toBeVisible();
  await page.getByRole("button", { name: "Use a passkey" }).click();
  // A WebAuthn ceremony: two server actions and the signature, slower than a form on a loaded machine.
  await expect(page.getByRole("heading", { name: `Welcome, ${name}` })).toBeVisible({ timeout: 20_000 });

  // The passkey alone.
  await signOut(page);
  await page.getByRole("button", { name: "Sign in with a passkey" }).click();
  await expect(page.getByRole("heading", { name: `Welcome, ${name}` })).toBeVisible({ timeout: 20_000 });

  // A recovery code works once; the same code a second time does not.
  await signOut(page);
  await enterPassword(page, email);
  await verify(page, recoveryCodes[0]!);
  await expect(page.getByRole("heading", { name: `Welcome, ${name}` })).toBeVisible();
  await signOut(page);
  await enterPassword(page, email);
  await verify(page, recoveryCodes[0]!);
  await expect(page.getByLabel("Code")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByText("That code is not right, or was already used.")).toBeVisible();
  await verify(page, recoveryCodes[1]!);
  await expect(page.getByRole("heading", { name: `Welcome, ${name}` })).toBeVisible();
  await page.goto("/settings/security");
  await expect(page.getByTestId("totp-state")).toContainText("8 recovery codes are left.");
});
