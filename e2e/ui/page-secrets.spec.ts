import { expect, test } from "@playwright/test";
import { signIn } from "../support/session";

// Values that must never leave the server, and another tenant's data as alice must not see it.
const forbidden = [/\$argon2/, /\b[0-9a-f]{64}\b/, /passwordHash|tokenHash|secretHash|codeHash|totpSecret|publicKey/, /Northwind Stores/, /bob@northwind\.example/];

test("rendered pages and their RSC payloads carry no hashes, secrets or other tenants' data", async ({ page }) => {
  await signIn(page, "alice@acme-retail.example");
  await page.goto("/connections");
  const firstRequest = await page.getByTestId("request-row").first().getByRole("link").getAttribute("href");
  const paths = ["/", "/connections", firstRequest!, `${firstRequest}/edit`, "/requests", "/settings/team", "/settings/security", "/settings/tokens", "/settings/apps", "/settings/authorized-apps"];
  for (const path of paths) {
    for (const headers of [{}, { RSC: "1" }] as Record<string, string>[]) {
      const response = await page.request.get(path, { headers });
      expect(response.status(), path).toBeLessThan(400);
      const body = await response.text();
      for (const pattern of forbidden) expect(body, `${path} ${JSON.stringify(headers)} ${pattern}`).not.toMatch(pattern);
    }
  }
});
