-- CreateIndex
CREATE INDEX "Connection_createdAt_id_idx" ON "Connection"("createdAt", "id");
