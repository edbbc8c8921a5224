/** Runs once when the server starts: configuration errors stop it before it serves anything. */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { env } = await import("./lib/env");
  const { authSecret } = await import("./lib/auth/options");
  const { databasePrepared } = await import("./lib/db/handle");
  authSecret(); // production without AUTH_SECRET fails here, loudly
  if (env().WEBHOOK_SECRET_KEY) {
    // Not awaited, and after the server's migrations: until it is done, secrets still sealed with
    // the AUTH_SECRET-derived key open with it.
    const { reencryptTotpSecrets, reencryptWebhookSecrets } = await import("./lib/webhooks/secret-keys");
    const { logger } = await import("./lib/observability/logger");
    for (const [what, reencrypt] of [["Webhook secrets", reencryptWebhookSecrets], ["Authenticator-app keys", reencryptTotpSecrets]] as const) {
      databasePrepared().then(() => reencrypt()).then(
        (result) => {
          if (result.reencrypted + result.unreadable > 0) logger().info(result, `${what} re-encrypted under WEBHOOK_SECRET_KEY`);
        },
        (error: unknown) => logger().error({ error: String(error) }, `Re-encrypting ${what.toLowerCase()} failed; the next start tries again`),
      );
    }
  }
  if (env().WORKER_ENABLED) {
    // After the server has migrated the database, which it does while Next.js prepares. If that
    // fails, the server stops (scripts/server.ts): nothing to start then.
    void databasePrepared().then(async () => (await import("./lib/jobs/background")).startBackgroundJobs(), () => undefined);
  }
}
