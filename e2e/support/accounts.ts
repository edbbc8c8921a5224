import { expect, type BrowserContext, type Page } from "@playwright/test";
import { Secret, TOTP } from "otpauth";
import { firstLink, newestMail } from "./mailbox";

export const unique = () => Math.random().toString(36).slice(2, 10);
export const freshPassword = "a long e2e password";

/**
 * A person of their own, for journeys that change how someone signs in (the demo accounts sign in
 * with a password in every other spec): registered on the form, confirmed from the e-mail.
 */
export async function registerFreshPerson(page: Page, firstName: string): Promise<{ email: string; name: string }> {
  const email = `${firstName.toLowerCase()}-${unique()}@example.com`;
  await page.goto("/register");
  await page.getByLabel("First name").fill(firstName);
  await page.getByLabel("Last name").fill("Fresh");
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Password").fill(freshPassword);
  await page.getByLabel("Organization name").fill(`${firstName} Retail ${unique()}`);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByTestId("check-email")).toBeVisible();
  await page.goto(firstLink(await newestMail(email, /Confirm your e-mail address/)));
  await page.getByRole("button", { name: "Confirm my address" }).click();
  await expect(page).toHaveURL(/\/signin/);
  return { email, name: `${firstName} Fresh` };
}

/** The password step of signing in (the second step, if any, is the caller's). */
export async function enterPassword(page: Page, email: string, password = freshPassword) {
  await page.goto("/signin");
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
}

/** The code an authenticator app would show now for the key the Security tab printed. */
export const currentCode = (manualKey: string, at = Date.now()) =>
  new TOTP({ secret: Secret.fromBase32(manualKey.replace(/\s/g, "")), algorithm: "SHA1", digits: 6, period: 30 }).generate({ timestamp: at });

/**
 * Chromium's virtual authenticator (DevTools protocol), as a platform authenticator with user
 * verification: passkeys made and used on this page live in it.
 */
export async function addVirtualAuthenticator(context: BrowserContext, page: Page) {
  const cdp = await context.newCDPSession(page);
  await cdp.send("WebAuthn.enable");
  const { authenticatorId } = await cdp.send("WebAuthn.addVirtualAuthenticator", {
    options: { protocol: "ctap2", transport: "internal", hasResidentKey: true, hasUserVerification: true, isUserVerified: true, automaticPresenceSimulation: true },
  });
  return {
    credentials: async () => (await cdp.send("WebAuthn.getCredentials", { authenticatorId })).credentials,
  };
}
