import { expect, type Page } from "@playwright/test";

export const demoPassword = "demo-password";

export async function signIn(page: Page, email: string, password = demoPassword) {
  await page.goto("/signin");
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByRole("heading", { name: /^Welcome/ })).toBeVisible();
}
