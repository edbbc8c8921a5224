-- AlterEnum
ALTER TYPE "DeliveryStatus" ADD VALUE 'held';

-- AlterTable
ALTER TABLE "EmailDelivery" ADD COLUMN     "claimToken" UUID,
ADD COLUMN     "leaseUntil" TIMESTAMPTZ(3);
-- A message being sent during the upgrade keeps the lease it had (2 minutes from its claim).
UPDATE "EmailDelivery" SET "leaseUntil" = "lockedAt" + interval '2 minutes' WHERE status = 'sending';
ALTER TABLE "EmailDelivery" DROP COLUMN "lockedAt";

-- AlterTable
ALTER TABLE "Event" ADD COLUMN     "fanoutAttempts" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "fanoutError" TEXT,
ADD COLUMN     "parkedAt" TIMESTAMPTZ(3);

-- AlterTable
ALTER TABLE "WebhookDelivery" ADD COLUMN     "claimToken" UUID,
ADD COLUMN     "leaseUntil" TIMESTAMPTZ(3);
-- A message being sent during the upgrade keeps the lease it had (2 minutes from its claim).
UPDATE "WebhookDelivery" SET "leaseUntil" = "lockedAt" + interval '2 minutes' WHERE status = 'sending';
ALTER TABLE "WebhookDelivery" DROP COLUMN "lockedAt";

-- AlterTable
ALTER TABLE "WebhookEndpoint" ADD COLUMN     "circuitOpenUntil" TIMESTAMPTZ(3),
ADD COLUMN     "consecutiveFailures" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "failingSince" TIMESTAMPTZ(3),
ADD COLUMN     "lastSuccessAt" TIMESTAMPTZ(3);

-- CreateIndex
CREATE INDEX "WebhookDelivery_endpointId_status_nextAttemptAt_idx" ON "WebhookDelivery"("endpointId", "status", "nextAttemptAt");
