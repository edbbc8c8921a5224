import crypto from "node:crypto";

/**
 * Tokens, codes and client secrets are 256-bit random values, so a fast hash is enough to store
 * them safely (no dictionary to attack); passwords, which people choose, use argon2 instead.
 */
export function generateSecret(prefix: string): string {
  return `${prefix}_${crypto.randomBytes(32).toString("base64url")}`;
}

export function hashSecret(secret: string): string {
  return crypto.createHash("sha256").update(secret).digest("hex");
}
