import * as oauth from "oauth4webapi";
import { expect, test } from "@playwright/test";
import { signIn } from "../support/session";

test("a person registers an app, authorizes it on the consent page, and the app lists their requests until revoked", async ({ page, baseURL }, testInfo) => {
  const redirectUri = `${baseURL}/oauth-test-callback`;
  const options = { [oauth.allowInsecureRequests]: true };
  await signIn(page, "alice@acme-retail.example");

  await page.goto("/settings/apps");
  await page.getByLabel("App name").fill("E2E Reporting App");
  await page.getByLabel("Redirect URIs (one per line)").fill(`${redirectUri}\nhttp://evil.example/cb`);
  await page.getByRole("button", { name: "Register app" }).click();
  await expect(page.getByText("must use https (http is allowed only for localhost)")).toBeVisible();
  await page.getByLabel("App name").fill("E2E Reporting App");
  await page.getByLabel("Redirect URIs (one per line)").fill(redirectUri);
  await page.getByRole("button", { name: "Register app" }).click();
  const secret = (await page.getByTestId("app-secret-value").textContent())!.trim();
  const clientId = (await page.getByTestId("app-secret").textContent())!.match(/Client id: (app_[\w-]+)/)![1]!;

  const issuer = new URL(baseURL!);
  const as = await oauth.processDiscoveryResponse(issuer, await oauth.discoveryRequest(issuer, { ...options, algorithm: "oauth2" }));
  const client: oauth.Client = { client_id: clientId };
  const verifier = oauth.generateRandomCodeVerifier();
  const state = oauth.generateRandomState();
  const authorizationUrl = new URL(as.authorization_endpoint!);
  authorizationUrl.search = new URLSearchParams({
    response_type: "code", client_id: clientId, redirect_uri: redirectUri, scope: "requests:read", state,
    code_challenge: await oauth.calculatePKCECodeChallenge(verifier), code_challenge_method: "S256", unknown_param: "ignored",
  }).toString();

  await page.goto(authorizationUrl.toString());
  await expect(page.getByRole("heading", { name: "Allow E2E Reporting App to use your account?" })).toBeVisible();
  await expect(page.getByTestId("consent-scopes")).toHaveText("See your data requests and download their results");
  await page.screenshot({ path: testInfo.outputPath("oauth-consent.png"), fullPage: true });
  await page.getByRole("button", { name: "Allow" }).click();
  await page.waitForURL((url) => url.pathname === "/oauth-test-callback");

  const params = oauth.validateAuthResponse(as, client, new URL(page.url()), state);
  const tokens = await oauth.processAuthorizationCodeResponse(
    as,
    client,
    await oauth.authorizationCodeGrantRequest(as, client, oauth.ClientSecretBasic(secret), params, redirectUri, verifier, options),
  );
  const call = () => fetch(`${baseURL}/api/requests`, { headers: { Authorization: `Bearer ${tokens.access_token}` } });
  expect((await call()).status).toBe(200);
  expect(Array.isArray(await (await call()).json())).toBe(true);

  await page.goto("/settings/authorized-apps");
  const row = page.getByTestId("authorized-app").filter({ hasText: "E2E Reporting App" });
  await expect(row).toContainText("requests:read");
  await row.getByRole("button", { name: /Revoke/ }).click();
  await expect(row).toHaveCount(0);
  const revoked = await call();
  expect(revoked.status).toBe(401);
  expect(await revoked.json()).toEqual({
    error: "Unauthorized",
    message: "You are not authorized. Generate authentication tokens via OAuth to access this resource.",
  });
});

test("an unknown client or redirect URI is an error page, never a redirect", async ({ page }) => {
  const response = await page.goto("/api/oauth/authorize?client_id=unknown&redirect_uri=https%3A%2F%2Fevil.example%2F");
  expect(response?.status()).toBe(400);
  await expect(page.getByRole("heading", { name: "This app cannot be authorized" })).toBeVisible();
  expect(page.url()).toContain("/api/oauth/authorize"); // no redirect anywhere
});

test("a signed-out person signs in and comes back to the consent page", async ({ page, baseURL }) => {
  await signIn(page, "bob@northwind.example");
  await page.goto("/settings/apps");
  await page.getByLabel("App name").fill("Round Trip App");
  await page.getByLabel("Type").selectOption("public");
  await page.getByLabel("Redirect URIs (one per line)").fill(`${baseURL}/cb`);
  await page.getByRole("button", { name: "Register app" }).click();
  const clientId = (await page.getByTestId("app-secret").textContent())!.match(/Client id: (app_[\w-]+)/)![1]!;
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/signin/);

  const query = new URLSearchParams({
    response_type: "code", client_id: clientId, redirect_uri: `${baseURL}/cb`,
    code_challenge: await oauth.calculatePKCECodeChallenge(oauth.generateRandomCodeVerifier()), code_challenge_method: "S256",
  });
  await page.goto(`/api/oauth/authorize?${query}`);
  await expect(page).toHaveURL(/\/signin\?callbackUrl=/);
  await page.getByLabel("E-mail").fill("bob@northwind.example");
  await page.getByLabel("Password").fill("demo-password");
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Allow Round Trip App to use your account?" })).toBeVisible();
  await page.getByRole("button", { name: "Deny" }).click();
  await page.waitForURL((url) => url.pathname === "/cb");
  expect(new URL(page.url()).searchParams.get("error")).toBe("access_denied");
});
