import { expect, test } from "@playwright/test";
import { startWebhookReceiver } from "../../tests/support/webhook-receiver";
import { signIn } from "../support/session";

test("a member adds a webhook endpoint, copies its secret once, sends a test event and sees it delivered", async ({ page }, testInfo) => {
  let secret = "";
  const receiver = await startWebhookReceiver(() => secret);
  try {
    await signIn(page, "alice@acme-retail.example");
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Settings" }).click();
    await page.getByRole("navigation", { name: "Settings" }).getByRole("link", { name: "Webhooks" }).click();
    await page.getByLabel("URL").fill(receiver.url);
    await page.getByRole("button", { name: "Add endpoint" }).click();
    const shown = page.getByTestId("webhook-secret");
    await expect(shown).toContainText("Signing secret (shown once, copy it now):");
    secret = (await shown.locator("code").textContent())!;
    expect(secret).toMatch(/^whsec_/);

    const endpoint = page.getByTestId("webhook-endpoint").filter({ hasText: receiver.url });
    await endpoint.getByRole("button", { name: "Send a test event" }).click();
    await expect(async () => {
      await page.reload();
      await expect(endpoint.getByTestId("webhook-delivery").first()).toContainText("sent", { timeout: 1000 });
    }).toPass({ timeout: 20_000 });
    await expect(endpoint.getByTestId("webhook-delivery").first()).toContainText("webhook.test");
    await expect(endpoint.getByTestId("webhook-delivery").first()).toContainText("204");
    expect(receiver.received.map((hit) => [hit.body.type, hit.verified])).toEqual([["webhook.test", true]]);
    // Reloaded, the page no longer shows the secret anywhere.
    await expect(page.getByText(secret)).toHaveCount(0);
    await page.screenshot({ path: testInfo.outputPath("webhooks.png"), fullPage: true });

    await endpoint.getByRole("button", { name: `Delete ${receiver.url}` }).click();
    await expect(page.getByTestId("webhook-endpoint").filter({ hasText: receiver.url })).toHaveCount(0);
  } finally {
    await receiver.close();
  }
});
