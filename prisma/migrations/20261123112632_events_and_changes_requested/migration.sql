-- The tally counts the new status too (see 20261122100000_connection_request_positions).
ALTER TABLE "ConnectionRequestTally" ADD COLUMN     "changesRequested" INTEGER NOT NULL DEFAULT 0;

CREATE OR REPLACE FUNCTION connection_request_tally_rebuild() RETURNS void LANGUAGE sql AS $$
  DELETE FROM "ConnectionRequestTally";
  INSERT INTO "ConnectionRequestTally" ("scope", "lastSequence", "pending", "approved", "rejected", "changesRequested")
  SELECT COALESCE("organizationId"::text, 'platform'), count(*), count(*) FILTER (WHERE status = 'pending'),
         count(*) FILTER (WHERE status = 'approved'), count(*) FILTER (WHERE status = 'rejected'),
         count(*) FILTER (WHERE status = 'changes_requested')
  FROM "ConnectionRequest" GROUP BY GROUPING SETS (("organizationId"), ());
$$;

CREATE OR REPLACE FUNCTION connection_request_tally_add(tally_scope TEXT, request_status "ConnectionRequestStatus")
RETURNS INTEGER LANGUAGE sql AS $$
  INSERT INTO "ConnectionRequestTally" AS t ("scope", "lastSequence", "pending", "approved", "rejected", "changesRequested")
  VALUES (tally_scope, 1, (request_status = 'pending')::int, (request_status = 'approved')::int, (request_status = 'rejected')::int,
          (request_status = 'changes_requested')::int)
  ON CONFLICT ("scope") DO UPDATE SET
    "lastSequence" = t."lastSequence" + 1,
    "pending" = t."pending" + EXCLUDED."pending",
    "approved" = t."approved" + EXCLUDED."approved",
    "rejected" = t."rejected" + EXCLUDED."rejected",
    "changesRequested" = t."changesRequested" + EXCLUDED."changesRequested"
  RETURNING "lastSequence";
$$;

CREATE OR REPLACE FUNCTION connection_request_tally_move(tally_scope TEXT, from_status "ConnectionRequestStatus", to_status "ConnectionRequestStatus")
RETURNS void LANGUAGE sql AS $$
  UPDATE "ConnectionRequestTally" SET
    "pending" = "pending" + (to_status = 'pending')::int - (from_status = 'pending')::int,
    "approved" = "approved" + (to_status = 'approved')::int - (from_status = 'approved')::int,
    "rejected" = "rejected" + (to_status = 'rejected')::int - (from_status = 'rejected')::int,
    "changesRequested" = "changesRequested" + (to_status = 'changes_requested')::int - (from_status = 'changes_requested')::int
  WHERE "scope" = tally_scope;
$$;


-- CreateTable
CREATE TABLE "Event" (
    "id" UUID NOT NULL,
    "sequence" BIGSERIAL NOT NULL,
    "type" TEXT NOT NULL,
    "connectionRequestId" UUID,
    "dataRequestId" UUID,
    "organizationId" UUID,
    "userId" UUID,
    "actorId" UUID,
    "fromState" TEXT,
    "toState" TEXT,
    "message" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "fannedOutAt" TIMESTAMPTZ(3),

    CONSTRAINT "Event_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Notification" (
    "id" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "eventId" UUID NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "readAt" TIMESTAMPTZ(3),

    CONSTRAINT "Notification_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Event_sequence_key" ON "Event"("sequence");

-- CreateIndex
CREATE INDEX "Event_connectionRequestId_sequence_idx" ON "Event"("connectionRequestId", "sequence");

-- CreateIndex
CREATE INDEX "Event_dataRequestId_sequence_idx" ON "Event"("dataRequestId", "sequence");

-- CreateIndex
CREATE INDEX "Event_fannedOutAt_sequence_idx" ON "Event"("fannedOutAt", "sequence");

-- CreateIndex
CREATE INDEX "Notification_userId_readAt_createdAt_idx" ON "Notification"("userId", "readAt", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "Notification_userId_eventId_key" ON "Notification"("userId", "eventId");

-- AddForeignKey
ALTER TABLE "Event" ADD CONSTRAINT "Event_connectionRequestId_fkey" FOREIGN KEY ("connectionRequestId") REFERENCES "ConnectionRequest"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Event" ADD CONSTRAINT "Event_dataRequestId_fkey" FOREIGN KEY ("dataRequestId") REFERENCES "DataRequest"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Event" ADD CONSTRAINT "Event_actorId_fkey" FOREIGN KEY ("actorId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Notification" ADD CONSTRAINT "Notification_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Notification" ADD CONSTRAINT "Notification_eventId_fkey" FOREIGN KEY ("eventId") REFERENCES "Event"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- The timeline of what happened before events existed, rebuilt from the rows in the order it
-- happened; marked as fanned out, so nobody is notified of the past.
INSERT INTO "Event" (id, type, "connectionRequestId", "dataRequestId", "organizationId", "userId", "actorId", "fromState", "toState", message, "createdAt", "fannedOutAt")
SELECT gen_random_uuid(), type, "connectionRequestId", "dataRequestId", "organizationId", "userId", "actorId", "fromState", "toState", message, at, now()
FROM (
  SELECT 'connection_request.submitted' AS type, id AS "connectionRequestId", NULL::uuid AS "dataRequestId", "organizationId", NULL::uuid AS "userId",
         "requestedById" AS "actorId", NULL AS "fromState", 'pending' AS "toState", NULL AS message, "requestDate" AS at
  FROM "ConnectionRequest"
  UNION ALL
  SELECT 'connection_request.' || status::text, id, NULL, "organizationId", NULL, "decidedById", 'pending', status::text, "rejectionReason", "decidedAt"
  FROM "ConnectionRequest" WHERE status IN ('approved', 'rejected') AND "decidedAt" IS NOT NULL
  UNION ALL
  SELECT 'data_request.submitted', NULL, id, NULL, "userId", "userId", NULL, 'queued', NULL, "createdAt" FROM "DataRequest"
  UNION ALL
  SELECT 'data_request.completed', NULL, id, NULL, "userId", NULL, 'processing', 'completed', NULL, "completedAt" FROM "DataRequest" WHERE "completedAt" IS NOT NULL
  UNION ALL
  SELECT 'data_request.failed', NULL, id, NULL, "userId", NULL, 'processing', 'failed', NULL, "failedAt" FROM "DataRequest" WHERE status = 'failed' AND "failedAt" IS NOT NULL
  UNION ALL
  SELECT 'data_request.cancelled', NULL, id, NULL, "userId", "userId", NULL, 'cancelled', NULL, "cancelledAt" FROM "DataRequest" WHERE "cancelledAt" IS NOT NULL
  UNION ALL
  -- Expiry notices that would otherwise go out for the past at the first sweep (3 days: the default notice).
  SELECT 'data_request.expired', NULL, id, NULL, "userId", NULL, 'completed', 'completed', NULL, "expiresAt"
  FROM "DataRequest" WHERE status = 'completed' AND "expiresAt" <= now()
  UNION ALL
  SELECT 'data_request.expiring', NULL, id, NULL, "userId", NULL, 'completed', 'completed', NULL, now()
  FROM "DataRequest" WHERE status = 'completed' AND "expiresAt" > now() AND "expiresAt" <= now() + interval '3 days'
) history
ORDER BY at;
