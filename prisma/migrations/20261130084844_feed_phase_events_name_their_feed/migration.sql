-- AlterTable
ALTER TABLE "Event" ADD COLUMN     "feedId" UUID;

-- CreateIndex
CREATE INDEX "Event_feedId_idx" ON "Event"("feedId");

-- AddForeignKey
ALTER TABLE "Event" ADD CONSTRAINT "Event_feedId_fkey" FOREIGN KEY ("feedId") REFERENCES "ConnectionFeed"("id") ON DELETE CASCADE ON UPDATE CASCADE;
