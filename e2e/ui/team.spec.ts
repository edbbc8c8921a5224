import { expect, test, type APIRequestContext, type Browser, type Page } from "@playwright/test";
import { firstLink, newestMail } from "../support/mailbox";
import { signIn } from "../support/session";

const unique = () => Math.random().toString(36).slice(2, 10);

async function freshPage(browser: Browser): Promise<Page> {
  return (await browser.newContext()).newPage();
}

/** A TIMP token for the person, as an API client gets one. */
async function apiToken(request: APIRequestContext, username: string, password: string): Promise<string> {
  const response = await request.post("/api/timp/organizations/user-login/", { data: { username, password } });
  expect(response.status()).toBe(200);
  return ((await response.json()) as { auth_token: string }).auth_token;
}

const listRequests = (request: APIRequestContext, token: string) =>
  request.get("/api/timp/organizations/connections/request/", { headers: { Authorization: `Token ${token}` } });

test("an owner invites two people: one joins, the other's invitation is revoked; the owner removes the member, who is signed out at once", async ({ browser, request }) => {
  // Three people, two e-mails and a dozen pages: more than the default 30 s on a loaded machine.
  test.slow();
  const [dana, eve] = [`dana-${unique()}@example.com`, `eve-${unique()}@example.com`];
  const owner = await freshPage(browser);
  await signIn(owner, "alice@acme-retail.example");

  // The team page is one click from the header.
  await owner.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Team", exact: true }).click();
  await expect(owner.getByRole("heading", { name: "Team", level: 1 })).toBeVisible();
  await expect(owner.getByTestId("member-row").filter({ hasText: "alice@acme-retail.example" }).getByTestId("member-role")).toHaveText("Owner");
  const invite = owner.getByRole("form", { name: "Invite someone" });
  for (const email of [dana, eve]) {
    await invite.getByLabel("E-mail").fill(email);
    await invite.getByRole("button", { name: "Invite" }).click();
    await expect(owner.getByTestId("invite-outcome")).toHaveText(`Invitation sent to ${email}.`);
  }
  await expect(owner.getByTestId("invitation-row")).toHaveCount(2);

  // Dana follows the link in her e-mail, signed out, and accepts with a name and a password.
  const danaPage = await freshPage(browser);
  const invitation = await newestMail(dana, /invites you to Acme Retail/);
  await danaPage.goto(firstLink(invitation));
  await expect(danaPage.getByRole("heading", { name: "Join Acme Retail on Crux Requests" })).toBeVisible();
  await danaPage.getByLabel("Your name").fill("Dana Doe");
  await danaPage.getByLabel("Password").fill("a long e2e password");
  await danaPage.getByRole("button", { name: "Accept invitation" }).click();
  // She is signed in as a member: the team is there to read, with nothing to manage.
  await expect(danaPage.getByRole("heading", { name: "Team", level: 1 })).toBeVisible();
  await expect(danaPage.getByTestId("signed-in-as")).toHaveText("Dana Doe · Acme Retail");
  await expect(danaPage.getByTestId("member-row").filter({ hasText: "Dana Doe" }).getByTestId("member-role")).toHaveText("Member");
  await expect(danaPage.getByRole("button", { name: "Invite" })).toHaveCount(0);
  await expect(danaPage.getByRole("button", { name: "Remove" })).toHaveCount(0);
  const token = await apiToken(request, dana, "a long e2e password");
  expect((await listRequests(request, token)).status()).toBe(200);

  // The owner revokes Eve's invitation; Eve's link then says so.
  await owner.reload();
  await owner.getByRole("button", { name: `Revoke the invitation to ${eve}` }).click();
  await expect(owner.getByTestId("invitation-outcome")).toHaveText(`Invitation to ${eve} revoked: its link no longer works.`);
  await expect(owner.getByTestId("invitation-row")).toHaveCount(0);
  const evePage = await freshPage(browser);
  await evePage.goto(firstLink(await newestMail(eve, /invites you to Acme Retail/)));
  await expect(evePage.getByRole("heading", { name: "This invitation link does not work" })).toBeVisible();
  await expect(evePage.getByTestId("invitation-refusal")).toContainText("withdrawn");

  // The owner removes Dana, confirming in the dialog.
  await owner.reload();
  const danaRow = owner.getByTestId("member-row").filter({ hasText: dana });
  await danaRow.getByRole("button", { name: "Remove" }).click();
  const dialog = owner.getByRole("dialog", { name: "Remove Dana Doe?" });
  await expect(dialog).toBeVisible();
  await dialog.getByRole("button", { name: "Remove" }).click();
  await expect(owner.getByTestId("member-outcome")).toHaveText(`${dana} was removed from the team and signed out everywhere.`);
  await expect(owner.getByTestId("member-row").filter({ hasText: dana })).toHaveCount(0);
  await expect(owner.getByTestId("timeline-entry").last()).toContainText("Removed from the team");

  // Dana's open browser is signed out on its next request; her API token answers 401.
  await danaPage.reload();
  await expect(danaPage).toHaveURL(/\/signin\?callbackUrl=/);
  expect((await listRequests(request, token)).status()).toBe(401);
});
