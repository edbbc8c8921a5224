/**
 * Can one tenant stall everyone's background work? The app runs with a slow SMTP relay (each
 * answer 5 s late). Optionally, dark webhook targets (tarpits: they accept TCP and never answer)
 * receive test events the whole time, from two organizations' endpoints. Meanwhile a person asks
 * for a password reset, another files a data request, and a third organization's healthy
 * endpoint (one that has answered before) gets a test event: how long until the mail arrives,
 * the copy is ready and the event is received. Used by the fault suite (scripts/faults/background-isolation.ts) and the bench.
 */
import { chromium, type Browser } from "@playwright/test";
import { startSmtpServer } from "../../tests/support/smtp";
import { startTarpit } from "../../tests/support/tarpit";
import { startWebhookReceiver } from "../../tests/support/webhook-receiver";
import { killHard, sleep, startServer, timpLogin, type Target } from "./support";

export interface IsolationFigures {
  "password-reset e-mail (s)": number;
  "data request ready (s)": number;
  "healthy webhook (s)": number;
  "tarpit connections": number;
}

const chromiumArguments = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];
const secondsSince = (start: number) => Math.round((Date.now() - start) / 100) / 10;

async function waitUntil(what: string, check: () => Promise<boolean> | boolean, timeoutMs: number) {
  for (const end = Date.now() + timeoutMs; Date.now() < end; await sleep(200)) if (await check()) return;
  throw new Error(`${what}: not within ${timeoutMs / 1000} s`);
}

async function api(url: string, token: string, path: string, body?: unknown) {
  const response = await fetch(`${url}${path}`, {
    method: "POST",
    headers: { authorization: `Token ${token}`, "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json().catch(() => null)) as Record<string, string> | null };
}

/** Registers `count` endpoints of one account at `target`: their ids and secrets. */
async function endpoints(url: string, token: string, target: string, count: number) {
  const created: { id: string; secret: string }[] = [];
  for (let n = 0; n < count; n++) {
    const answer = await api(url, token, "/api/webhooks", { url: `${target}?n=${n}`, events: ["connection_request.submitted"] });
    if (answer.status !== 201) throw new Error(`registering a webhook answered ${answer.status}: ${JSON.stringify(answer.body)}`);
    created.push({ id: answer.body!.id!, secret: answer.body!.secret! });
  }
  return created;
}

async function requestPasswordReset(browser: Browser, url: string, email: string) {
  const page = await browser.newPage({ baseURL: url });
  await page.goto("/forgot-password");
  await page.getByLabel("E-mail").fill(email);
  await page.getByRole("button", { name: "Send me a link" }).click();
  await page.getByText(/has an account, we sent it a link/).first().waitFor({ timeout: 30_000 });
  await page.close();
}

async function fileDataRequest(browser: Browser, url: string, email: string) {
  const page = await browser.newPage({ baseURL: url });
  await page.goto("/signin");
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Password").fill("demo-password");
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await page.getByRole("heading", { name: /^Welcome/ }).waitFor();
  await page.goto("/requests");
  await page.getByRole("checkbox", { name: /Profile/ }).check();
  await page.getByRole("button", { name: "Request my data" }).click();
  await page.getByTestId("data-request-result").getByText("Request filed.").waitFor();
  return page;
}

export async function runIsolationScenario(target: Target, port: number, options: { tarpit: boolean }): Promise<IsolationFigures> {
  const smtp = await startSmtpServer(0, { delayMs: 5_000 });
  const tarpit = await startTarpit();
  let secret = "";
  const receiver = await startWebhookReceiver(() => secret);
  const app = await startServer(target, port, { WORKER_ENABLED: "1", SMTP_URL: smtp.url, WEBHOOK_ALLOW_PRIVATE_NETWORKS: "1", CREATE_LIMIT_PER_MINUTE: "100000" });
  const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: chromiumArguments });
  let sending = true;
  let load: Promise<void> = Promise.resolve();
  try {
    const [sam, admin, alice] = await Promise.all(
      ["sam@globex-supply.example", "admin@example.com", "alice@acme-retail.example"].map(async (email) => (await timpLogin(app.url, email)).token!),
    );
    // An integration that has been receiving events for a while (one so far).
    const [healthy] = await endpoints(app.url, alice!, receiver.url, 1);
    secret = healthy!.secret;
    await api(app.url, alice!, `/api/webhooks/${healthy!.id}/test`);
    await waitUntil("the healthy endpoint's first event", () => receiver.received.length === 1, 30_000);
    if (options.tarpit) {
      // Ten dark endpoints of an organization and ten platform ones, each sent its five test events
      // an hour (the per-endpoint limit), spread over the measurement.
      const dark = [...(await endpoints(app.url, sam!, tarpit.url, 10)), ...(await endpoints(app.url, admin!, tarpit.url, 10))].map((endpoint) => endpoint.id);
      const owners = [...Array(10).fill(sam!), ...Array(10).fill(admin!)] as string[];
      load = (async () => {
        for (let round = 0; round < 5 && sending; round++) {
          for (const [n, id] of dark.entries()) if (sending) await api(app.url, owners[n]!, `/api/webhooks/${id}/test`);
          for (let wait = 0; wait < 20 && sending; wait++) await sleep(250);
        }
      })();
      await waitUntil("the tarpit is busy", () => tarpit.connections() > 0, 30_000);
      await sleep(2_000);
    }

    const started = Date.now();
    const mailed = (async () => {
      await requestPasswordReset(browser, app.url, "bob@northwind.example");
      await waitUntil("the password-reset e-mail", () => smtp.received.some((mail) => /password/i.test(mail.subject ?? "") && mail.text?.includes("/reset-password")), 120_000);
      return secondsSince(started);
    })();
    const built = (async () => {
      const page = await fileDataRequest(browser, app.url, "alice@acme-retail.example");
      await page.getByTestId("data-request-state").first().filter({ hasText: "ready" }).waitFor({ timeout: 120_000 });
      await page.close();
      return secondsSince(started);
    })();
    const hooked = (async () => {
      const sent = await api(app.url, alice!, `/api/webhooks/${healthy!.id}/test`);
      if (sent.status >= 300) throw new Error(`a test event answered ${sent.status}`);
      await waitUntil("the healthy endpoint's test event", () => receiver.received.length === 2 && receiver.received.every((hit) => hit.verified), 120_000);
      return secondsSince(started);
    })();
    const [mail, data, hook] = await Promise.all([mailed, built, hooked]);
    return { "password-reset e-mail (s)": mail, "data request ready (s)": data, "healthy webhook (s)": hook, "tarpit connections": tarpit.connections() };
  } finally {
    sending = false;
    await load.catch(() => undefined);
    await browser.close();
    await killHard(app);
    await Promise.all([smtp.stop(), tarpit.close(), receiver.close()]);
  }
}
