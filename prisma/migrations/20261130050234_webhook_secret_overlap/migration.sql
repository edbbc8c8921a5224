-- AlterTable
ALTER TABLE "WebhookEndpoint" ADD COLUMN     "previousSecretCiphertext" TEXT,
ADD COLUMN     "previousSecretExpiresAt" TIMESTAMPTZ(3);
