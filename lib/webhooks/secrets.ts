import crypto from "node:crypto";

/** A Standard Webhooks signing secret: `whsec_` and 32 random bytes in Base64. */
export const generateWebhookSecret = () => `whsec_${crypto.randomBytes(32).toString("base64")}`;

/**
 * What webhook secrets are sealed with: WEBHOOK_SECRET_KEY when set, so AUTH_SECRET can be rotated
 * without breaking endpoints; otherwise a key derived from AUTH_SECRET (what older values used).
 */
export interface SecretKeys {
  authSecret: string;
  webhookSecretKey?: string | undefined;
}

/** Marks a value sealed with WEBHOOK_SECRET_KEY; values without it use the AUTH_SECRET-derived key. */
export const dedicatedPrefix = "k2.";

const derivedKey = (authSecret: string) => crypto.createHash("sha256").update(`webhook-secrets\0${authSecret}`).digest();
const dedicatedKey = (webhookSecretKey: string) => crypto.createHash("sha256").update(`webhook-secrets-k2\0${webhookSecretKey}`).digest();

export const sealedWithDedicatedKey = (sealed: string) => sealed.startsWith(dedicatedPrefix);

function seal(secret: string, key: Buffer): string {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv("aes-256-gcm", key, iv);
  const ciphertext = Buffer.concat([cipher.update(secret, "utf8"), cipher.final()]);
  return [iv, cipher.getAuthTag(), ciphertext].map((part) => part.toString("base64url")).join(".");
}

function open(sealed: string, key: Buffer): string {
  const [iv, tag, ciphertext] = sealed.split(".").map((part) => Buffer.from(part, "base64url"));
  const decipher = crypto.createDecipheriv("aes-256-gcm", key, iv!);
  decipher.setAuthTag(tag!);
  return Buffer.concat([decipher.update(ciphertext!), decipher.final()]).toString("utf8");
}

/** AES-256-GCM: `iv.tag.ciphertext`, each Base64url, prefixed `k2.` when under WEBHOOK_SECRET_KEY. */
export function encryptSecret(secret: string, keys: SecretKeys): string {
  if (keys.webhookSecretKey) return dedicatedPrefix + seal(secret, dedicatedKey(keys.webhookSecretKey));
  return seal(secret, derivedKey(keys.authSecret));
}

/**
 * Opens a value under the key its prefix names, so values not yet re-encrypted under
 * WEBHOOK_SECRET_KEY keep working with the AUTH_SECRET-derived key meanwhile. Throws when the key
 * it needs is gone or wrong.
 */
export function decryptSecret(sealed: string, keys: SecretKeys): string {
  if (!sealedWithDedicatedKey(sealed)) return open(sealed, derivedKey(keys.authSecret));
  if (!keys.webhookSecretKey) throw new Error("This webhook secret was sealed with WEBHOOK_SECRET_KEY, which is not set.");
  return open(sealed.slice(dedicatedPrefix.length), dedicatedKey(keys.webhookSecretKey));
}
