import { expect, test } from "@playwright/test";
import { signIn } from "../support/session";

test("file locations are shown as written, with the password of a user:password@ part masked", async ({ page, request }) => {
  const login = await request.post("/api/timp/organizations/user-login/", { data: { username: "alice@acme-retail.example", password: "demo-password" } });
  const { auth_token } = await login.json();
  const created = await request.post("/api/timp/organizations/connections/request/", {
    headers: { Authorization: `Token ${auth_token}` },
    data: {
      organization_name: `Locations ${Date.now()}`,
      primary_contact_name: "Lou",
      integrations: [{ type: "items", update_frequency: "30 6,12 * * *", file_locations: "ftp://foo:hunter2@baz.blerg\nfile_locations" }],
    },
  });
  const { request_uuid } = await created.json();

  await signIn(page, "alice@acme-retail.example");
  await page.goto(`/connections/${request_uuid}`);
  const locations = page.getByTestId("file-locations");
  await expect(locations).toBeVisible();
  await expect(locations).toHaveText("Locations: ftp://foo:••••@baz.blerg\nfile_locations");
  await expect(page.getByText("hunter2")).toHaveCount(0);
});
