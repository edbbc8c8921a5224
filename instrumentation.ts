/** Runs once when the server starts: configuration errors stop it before it serves anything. */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { env } = await import("./lib/env");
  const { authSecret } = await import("./lib/auth/options");
  authSecret(); // production without AUTH_SECRET fails here, loudly
  if (env().WEBHOOK_SECRET_KEY) {
    // Not awaited: until it is done, secrets still sealed with the AUTH_SECRET-derived key open with it.
    const { reencryptWebhookSecrets } = await import("./lib/webhooks/secret-keys");
    const { logger } = await import("./lib/observability/logger");
    reencryptWebhookSecrets().then(
      (result) => {
        if (result.reencrypted + result.unreadable > 0) logger().info(result, "Webhook secrets re-encrypted under WEBHOOK_SECRET_KEY");
      },
      (error: unknown) => logger().error({ error: String(error) }, "Re-encrypting webhook secrets failed; the next start tries again"),
    );
  }
  if (env().WORKER_ENABLED) {
    const { startBackgroundJobs } = await import("./lib/jobs/background");
    startBackgroundJobs();
  }
}
