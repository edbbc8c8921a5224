-- CreateIndex
CREATE INDEX "ConnectionRequest_status_requestDate_idx" ON "ConnectionRequest"("status", "requestDate");

-- CreateIndex
CREATE INDEX "Event_organizationId_sequence_idx" ON "Event"("organizationId", "sequence");

-- CreateIndex
CREATE INDEX "Event_type_createdAt_idx" ON "Event"("type", "createdAt");
