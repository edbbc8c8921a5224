import crypto from "node:crypto";

/** A Standard Webhooks signing secret: `whsec_` and 32 random bytes in Base64. */
export const generateWebhookSecret = () => `whsec_${crypto.randomBytes(32).toString("base64")}`;

const keyFrom = (authSecret: string) => crypto.createHash("sha256").update(`webhook-secrets\0${authSecret}`).digest();

/** AES-256-GCM with a key derived from AUTH_SECRET: `iv.tag.ciphertext`, each Base64url. */
export function encryptSecret(secret: string, authSecret: string): string {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv("aes-256-gcm", keyFrom(authSecret), iv);
  const ciphertext = Buffer.concat([cipher.update(secret, "utf8"), cipher.final()]);
  return [iv, cipher.getAuthTag(), ciphertext].map((part) => part.toString("base64url")).join(".");
}

export function decryptSecret(sealed: string, authSecret: string): string {
  const [iv, tag, ciphertext] = sealed.split(".").map((part) => Buffer.from(part, "base64url"));
  const decipher = crypto.createDecipheriv("aes-256-gcm", keyFrom(authSecret), iv!);
  decipher.setAuthTag(tag!);
  return Buffer.concat([decipher.update(ciphertext!), decipher.final()]).toString("utf8");
}
