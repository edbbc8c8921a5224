-- CreateEnum
CREATE TYPE "ConnectionStatus" AS ENUM ('CONFIRMATION WAITING', 'ACTIVE', 'DEACTIVATED');

-- CreateEnum
CREATE TYPE "FeedPhase" AS ENUM ('setup', 'testing', 'live', 'paused');

-- AlterTable
ALTER TABLE "Connection" ADD COLUMN     "activatedAt" TIMESTAMPTZ(3),
ADD COLUMN     "deactivatedAt" TIMESTAMPTZ(3),
ADD COLUMN     "deactivationReason" TEXT,
ADD COLUMN     "retailersSupplierAccountNumber" TEXT,
ADD COLUMN     "suppliersRetailerAccountNumber" TEXT,
ADD COLUMN     "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;

-- Existing connections were live the moment they were approved ('active'): they become ACTIVE,
-- activated when created. The account number the retailer gave in its request is the one the
-- supplier knows it by (the supplier can correct it).
ALTER TABLE "Connection" ALTER COLUMN "status" DROP DEFAULT;
ALTER TABLE "Connection" ALTER COLUMN "status" SET DATA TYPE "ConnectionStatus"
  USING (CASE WHEN "status" = 'active' THEN 'ACTIVE' ELSE 'DEACTIVATED' END)::"ConnectionStatus";
ALTER TABLE "Connection" ALTER COLUMN "status" SET DEFAULT 'CONFIRMATION WAITING';
UPDATE "Connection" SET "activatedAt" = CASE WHEN "status" = 'ACTIVE' THEN "createdAt" END,
  "deactivatedAt" = CASE WHEN "status" = 'DEACTIVATED' THEN "createdAt" END,
  "updatedAt" = "createdAt",
  "suppliersRetailerAccountNumber" = NULLIF("retailerAccountNumber", '');

-- AlterTable
ALTER TABLE "Event" ADD COLUMN     "connectionId" UUID;

-- CreateTable
CREATE TABLE "ConnectionFeed" (
    "id" UUID NOT NULL,
    "connectionId" UUID NOT NULL,
    "integrationId" UUID NOT NULL,
    "phase" "FeedPhase" NOT NULL DEFAULT 'setup',
    "phaseChangedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "note" TEXT,

    CONSTRAINT "ConnectionFeed_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "ConnectionFeed_integrationId_key" ON "ConnectionFeed"("integrationId");

-- CreateIndex
CREATE INDEX "ConnectionFeed_connectionId_idx" ON "ConnectionFeed"("connectionId");

-- CreateIndex
CREATE INDEX "Event_connectionId_sequence_idx" ON "Event"("connectionId", "sequence");

-- AddForeignKey
ALTER TABLE "ConnectionFeed" ADD CONSTRAINT "ConnectionFeed_connectionId_fkey" FOREIGN KEY ("connectionId") REFERENCES "Connection"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ConnectionFeed" ADD CONSTRAINT "ConnectionFeed_integrationId_fkey" FOREIGN KEY ("integrationId") REFERENCES "Integration"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Event" ADD CONSTRAINT "Event_connectionId_fkey" FOREIGN KEY ("connectionId") REFERENCES "Connection"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Existing connections get their request's integrations as feeds, at the start (setup).
INSERT INTO "ConnectionFeed" ("id", "connectionId", "integrationId", "phaseChangedAt")
SELECT gen_random_uuid(), c."id", i."id", c."createdAt"
FROM "Connection" c JOIN "Integration" i ON i."connectionRequestId" = c."connectionRequestId";
