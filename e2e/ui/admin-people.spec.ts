import { expect, test } from "@playwright/test";
import { demoPassword, signIn } from "../support/session";

// Carol rather than Bob: disabling revokes every session and token of the person, and Bob signs
// in to other specs running at the same time; no other spec uses Carol.
const email = "carol@acme-retail.example";
const timp = "/api/timp/organizations";

test("an admin finds a person, disables them (their token then answers 401), enables them, and exports the audit log about them", async ({ page, request }) => {
  const login = await request.post(`${timp}/user-login/`, { data: { username: email, password: demoPassword } });
  expect(login.status()).toBe(200);
  const auth = { Authorization: `Token ${(await login.json()).auth_token}` };
  expect((await request.get(`${timp}/connections/request/`, { headers: auth })).status()).toBe(200);

  await signIn(page, "admin@example.com");
  await page.getByRole("link", { name: "People" }).first().click();
  await expect(page.getByRole("heading", { name: "People" })).toBeVisible();
  await page.getByLabel("E-mail starts with").fill("carol");
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page).toHaveURL(/\/admin\/people\?q=carol/);
  const row = page.getByTestId("person-row").filter({ hasText: "Carol Chen" });
  await expect(row).toHaveCount(1);
  await row.getByRole("link", { name: "Carol Chen" }).click();
  await expect(page.getByRole("heading", { name: "Carol Chen" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Acme Retail" })).toBeVisible();
  await expect(page.getByRole("list", { name: "Sign-in methods" })).toContainText("Password");
  await expect(page.getByTestId("token-row").filter({ hasText: "user-login" })).not.toHaveCount(0);

  await page.getByRole("button", { name: "Disable" }).click();
  await expect(page.getByTestId("person-action-result")).toContainText("is disabled");
  expect((await request.get(`${timp}/connections/request/`, { headers: auth })).status()).toBe(401);
  await expect(page.getByTestId("token-row")).toHaveCount(0);

  await page.getByRole("button", { name: "Enable" }).click();
  await expect(page.getByTestId("person-action-result")).toContainText("is enabled");
  await expect(page.getByRole("button", { name: "Disable" })).toBeVisible();
  // Signing in works again; what disabling revoked stays revoked.
  expect((await request.get(`${timp}/connections/request/`, { headers: auth })).status()).toBe(401);
  expect((await request.post(`${timp}/user-login/`, { data: { username: email, password: demoPassword } })).status()).toBe(200);

  await page.getByRole("link", { name: `Audit log about ${email}` }).click();
  await expect(page.getByRole("heading", { name: "Audit log" })).toBeVisible();
  await expect(page.getByLabel("Subject (e-mail or target id)")).toHaveValue(email);
  const actions = page.getByTestId("audit-row");
  await expect(actions.filter({ hasText: "user.disable" })).toHaveCount(1);
  await expect(actions.filter({ hasText: "user.enable" })).toHaveCount(1);
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Export CSV" }).click()]);
  expect(download.suggestedFilename()).toMatch(/^audit-log-\d{4}-\d{2}-\d{2}\.csv$/);
  const text = await (await download.createReadStream()).toArray().then((chunks) => Buffer.concat(chunks).toString("utf8"));
  const lines = text.trim().split("\n");
  expect(lines[0]).toMatch(/^Time \(UTC\),Action,Actor,Subject,/);
  expect(lines.slice(1).map((line) => line.split(",")[1])).toEqual(["user.enable", "user.disable"]);
  expect(lines.slice(1).every((line) => line.includes(`,admin@example.com,${email},`))).toBe(true);
});
