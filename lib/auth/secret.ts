import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";

/**
 * The secret that signs session cookies. Production must be given one (AUTH_SECRET); a demo or
 * development start generates one once and keeps it in DATA_DIR, so sessions survive restarts.
 */
export function resolveAuthSecret(options: { secret?: string; production: boolean; dataDir: string }): string {
  if (options.secret) return options.secret;
  if (options.production) {
    throw new Error(
      "AUTH_SECRET is not set. In production it is required: generate one with `openssl rand -base64 48`.",
    );
  }
  const file = path.join(options.dataDir, "auth-secret");
  try {
    return fs.readFileSync(file, "utf8").trim();
  } catch {
    fs.mkdirSync(options.dataDir, { recursive: true });
    const secret = crypto.randomBytes(48).toString("base64url");
    fs.writeFileSync(file, secret, { mode: 0o600, flag: "wx" });
    return secret;
  }
}
