-- AlterTable
ALTER TABLE "Event" ADD COLUMN     "fanoutRetryAt" TIMESTAMPTZ(3);

-- AlterTable
ALTER TABLE "WebhookEndpoint" ADD COLUMN     "lastFailureAt" TIMESTAMPTZ(3);
