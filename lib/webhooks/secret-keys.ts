import "server-only";
import { authSecret } from "../auth/options";
import { db } from "../db/client";
import { env } from "../env";
import { logger } from "../observability/logger";
import { decryptSecret, dedicatedPrefix, encryptSecret, sealedWithDedicatedKey, type SecretKeys } from "./secrets";

/** The keys webhook secrets are sealed and opened with in this deployment. */
export const webhookSecretKeys = (): SecretKeys => ({ authSecret: authSecret(), webhookSecretKey: env().WEBHOOK_SECRET_KEY });

const batchSize = 100;

/**
 * Once WEBHOOK_SECRET_KEY is set, re-encrypts under it the secrets (current and previous) still
 * sealed with the AUTH_SECRET-derived key, so AUTH_SECRET can be rotated afterwards without
 * breaking an endpoint. Run at start-up; safe on several instances at once: each write is
 * conditional on the value it read, so a rotation in between is never overwritten. A value that no
 * longer opens (AUTH_SECRET already changed) is left as it is and logged: rotating fixes it.
 */
export async function reencryptWebhookSecrets(keys: SecretKeys = webhookSecretKeys()): Promise<{ reencrypted: number; unreadable: number }> {
  if (!keys.webhookSecretKey) return { reencrypted: 0, unreadable: 0 };
  let reencrypted = 0;
  let unreadable = 0;
  // Walked once in id order: a row changed meanwhile is left to the next start-up.
  for (let after = "00000000-0000-0000-0000-000000000000"; ; ) {
    const rows = await db.webhookEndpoint.findMany({
      where: {
        id: { gt: after },
        OR: [
          { NOT: { secretCiphertext: { startsWith: dedicatedPrefix } } },
          { previousSecretCiphertext: { not: null }, NOT: { previousSecretCiphertext: { startsWith: dedicatedPrefix } } },
        ],
      },
      select: { id: true, secretCiphertext: true, previousSecretCiphertext: true },
      orderBy: { id: "asc" },
      take: batchSize,
    });
    if (rows.length === 0) break;
    after = rows.at(-1)!.id;
    for (const row of rows) {
      const moved = (sealed: string) => (sealedWithDedicatedKey(sealed) ? sealed : encryptSecret(decryptSecret(sealed, keys), keys));
      // The previous secret only overlaps a rotation: one that no longer opens is dropped.
      const previous = (() => {
        try {
          return row.previousSecretCiphertext === null ? null : moved(row.previousSecretCiphertext);
        } catch {
          return null;
        }
      })();
      try {
        const { count } = await db.webhookEndpoint.updateMany({
          where: { id: row.id, secretCiphertext: row.secretCiphertext, previousSecretCiphertext: row.previousSecretCiphertext },
          data: { secretCiphertext: moved(row.secretCiphertext), previousSecretCiphertext: previous },
        });
        reencrypted += count;
      } catch {
        unreadable++;
        logger().warn({ webhookEndpoint: row.id }, "A webhook secret no longer decrypts (AUTH_SECRET changed?): rotate it in Settings → Webhooks.");
      }
    }
  }
  return { reencrypted, unreadable };
}

/**
 * The same move for authenticator-app keys (sealed the same way): once WEBHOOK_SECRET_KEY is set,
 * rotating AUTH_SECRET must not lock anyone out of their second factor either.
 */
export async function reencryptTotpSecrets(keys: SecretKeys = webhookSecretKeys()): Promise<{ reencrypted: number; unreadable: number }> {
  if (!keys.webhookSecretKey) return { reencrypted: 0, unreadable: 0 };
  let reencrypted = 0;
  let unreadable = 0;
  for (let after = "00000000-0000-0000-0000-000000000000"; ; ) {
    const rows = await db.user.findMany({
      where: { id: { gt: after }, totpSecretCiphertext: { not: null }, NOT: { totpSecretCiphertext: { startsWith: dedicatedPrefix } } },
      select: { id: true, totpSecretCiphertext: true },
      orderBy: { id: "asc" },
      take: batchSize,
    });
    if (rows.length === 0) break;
    after = rows.at(-1)!.id;
    for (const row of rows) {
      try {
        const sealed = encryptSecret(decryptSecret(row.totpSecretCiphertext!, keys), keys);
        reencrypted += (await db.user.updateMany({ where: { id: row.id, totpSecretCiphertext: row.totpSecretCiphertext }, data: { totpSecretCiphertext: sealed } })).count;
      } catch {
        unreadable++;
        logger().warn({ user: row.id }, "An authenticator-app key no longer decrypts (AUTH_SECRET changed?): the person must sign in with a recovery code or passkey and set the app up again.");
      }
    }
  }
  return { reencrypted, unreadable };
}
