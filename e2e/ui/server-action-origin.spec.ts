import { expect, test } from "@playwright/test";
import { signIn } from "../support/session";

test("a server action replayed from another origin is refused and changes nothing", async ({ page }) => {
  await signIn(page, "sam@globex-supply.example");
  await page.goto("/settings/tokens");
  const captured = page.waitForRequest((request) => request.method() === "POST" && Boolean(request.headers()["next-action"]));
  await page.getByLabel("Name").fill("genuine");
  await page.getByRole("button", { name: "Create token" }).click();
  const original = await captured;
  await expect(page.getByTestId("new-token")).toBeVisible();
  await page.reload();
  const before = await page.getByTestId("token-row").count();

  const body = original.postDataBuffer()!;
  const replay = (origin: string) =>
    page.request.post(original.url(), {
      headers: { ...original.headers(), origin, host: new URL(original.url()).host },
      data: body,
      maxRedirects: 0,
    });
  for (const origin of ["https://evil.example", "null"]) {
    const response = await replay(origin);
    expect(response.status(), origin).toBeGreaterThanOrEqual(400);
  }
  await page.reload();
  await expect(page.getByTestId("token-row")).toHaveCount(before);

  // The same replay from the app's own origin does go through: the refusal above was the origin check.
  expect((await replay(new URL(original.url()).origin)).status()).toBe(200);
  await page.reload();
  await expect(page.getByTestId("token-row")).toHaveCount(before + 1);
});
