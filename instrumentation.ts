/** Runs once when the server starts: configuration errors stop it before it serves anything. */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { env } = await import("./lib/env");
  const { authSecret } = await import("./lib/auth/options");
  authSecret(); // production without AUTH_SECRET fails here, loudly
  if (env().WORKER_ENABLED) {
    const { startDataRequestWorker } = await import("./lib/data-requests/runner");
    startDataRequestWorker();
  }
}
