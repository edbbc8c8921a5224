/** Runs once when the server starts: configuration errors stop it before it serves anything. */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { env } = await import("./lib/env");
  const { authSecret } = await import("./lib/auth/options");
  authSecret(); // production without AUTH_SECRET fails here, loudly
  if (env().WEBHOOK_SECRET_KEY) {
    // Not awaited: until it is done, secrets still sealed with the AUTH_SECRET-derived key open with it.
    const { reencryptTotpSecrets, reencryptWebhookSecrets } = await import("./lib/webhooks/secret-keys");
    const { logger } = await import("./lib/observability/logger");
    for (const [what, reencrypt] of [["Webhook secrets", reencryptWebhookSecrets], ["Authenticator-app keys", reencryptTotpSecrets]] as const) {
      reencrypt().then(
        (result) => {
          if (result.reencrypted + result.unreadable > 0) logger().info(result, `${what} re-encrypted under WEBHOOK_SECRET_KEY`);
        },
        (error: unknown) => logger().error({ error: String(error) }, `Re-encrypting ${what.toLowerCase()} failed; the next start tries again`),
      );
    }
  }
  if (env().WORKER_ENABLED) {
    const { startBackgroundJobs } = await import("./lib/jobs/background");
    startBackgroundJobs();
  }
}
