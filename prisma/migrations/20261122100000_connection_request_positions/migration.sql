-- Lists of connection requests at a million rows: an exact total without count(*), and any page
-- (start/limit) as an index range instead of an OFFSET scan. Every request gets a dense
-- submission number across the platform ("sequence") and within its organization
-- ("orgSequence"), and ConnectionRequestTally keeps exact totals per scope. Both are written
-- here, by the database, in the transaction of the insert or status change itself: no code path
-- (API, portal, seed, CLI, a test's direct insert) can skip them or let them drift.

-- The old order was requestDate, id: the backfill numbers existing rows in that order.
DROP INDEX "ConnectionRequest_organizationId_requestDate_id_idx";
DROP INDEX "ConnectionRequest_requestDate_id_idx";
DROP INDEX "ConnectionRequest_status_requestDate_idx";

ALTER TABLE "ConnectionRequest" ADD COLUMN     "orgSequence" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "sequence" INTEGER NOT NULL DEFAULT 0;

UPDATE "ConnectionRequest" r
SET "sequence" = n.platform_number, "orgSequence" = n.org_number
FROM (
  SELECT id,
         row_number() OVER (ORDER BY "requestDate", id) AS platform_number,
         row_number() OVER (PARTITION BY "organizationId" ORDER BY "requestDate", id) AS org_number
  FROM "ConnectionRequest"
) n
WHERE n.id = r.id;

CREATE TABLE "ConnectionRequestTally" (
    "scope" TEXT NOT NULL,
    "lastSequence" INTEGER NOT NULL DEFAULT 0,
    "pending" INTEGER NOT NULL DEFAULT 0,
    "approved" INTEGER NOT NULL DEFAULT 0,
    "rejected" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "ConnectionRequestTally_pkey" PRIMARY KEY ("scope")
);

-- Recounts every tally from the rows: the backfill here, and bulk loads that number their rows
-- themselves (bench/seed.ts). Numbers are dense, so a scope's count is its last number.
CREATE FUNCTION connection_request_tally_rebuild() RETURNS void LANGUAGE sql AS $$
  DELETE FROM "ConnectionRequestTally";
  INSERT INTO "ConnectionRequestTally" ("scope", "lastSequence", "pending", "approved", "rejected")
  SELECT COALESCE("organizationId"::text, 'platform'), count(*), count(*) FILTER (WHERE status = 'pending'),
         count(*) FILTER (WHERE status = 'approved'), count(*) FILTER (WHERE status = 'rejected')
  FROM "ConnectionRequest" GROUP BY GROUPING SETS (("organizationId"), ());
$$;

SELECT connection_request_tally_rebuild();

CREATE INDEX "ConnectionRequest_status_sequence_idx" ON "ConnectionRequest"("status", "sequence");
CREATE INDEX "ConnectionRequest_organizationId_status_orgSequence_idx" ON "ConnectionRequest"("organizationId", "status", "orgSequence");
CREATE UNIQUE INDEX "ConnectionRequest_sequence_key" ON "ConnectionRequest"("sequence");
CREATE UNIQUE INDEX "ConnectionRequest_organizationId_orgSequence_key" ON "ConnectionRequest"("organizationId", "orgSequence");

-- Adds one request of `status` to a scope's tally and returns its number there. The upsert locks
-- the tally row until commit, so numbers are handed out in commit order and stay dense: a
-- rolled-back insert gives its number back. Callers lock the organization's row before the
-- platform's (inserts and status changes alike), so two writers never wait on each other in
-- opposite orders.
CREATE FUNCTION connection_request_tally_add(tally_scope TEXT, request_status "ConnectionRequestStatus")
RETURNS INTEGER LANGUAGE sql AS $$
  INSERT INTO "ConnectionRequestTally" AS t ("scope", "lastSequence", "pending", "approved", "rejected")
  VALUES (tally_scope, 1, (request_status = 'pending')::int, (request_status = 'approved')::int, (request_status = 'rejected')::int)
  ON CONFLICT ("scope") DO UPDATE SET
    "lastSequence" = t."lastSequence" + 1,
    "pending" = t."pending" + EXCLUDED."pending",
    "approved" = t."approved" + EXCLUDED."approved",
    "rejected" = t."rejected" + EXCLUDED."rejected"
  RETURNING "lastSequence";
$$;

CREATE FUNCTION connection_request_number() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW."orgSequence" := connection_request_tally_add(NEW."organizationId"::text, NEW.status);
  NEW."sequence" := connection_request_tally_add('platform', NEW.status);
  RETURN NEW;
END $$;

CREATE TRIGGER connection_request_number BEFORE INSERT ON "ConnectionRequest"
FOR EACH ROW EXECUTE FUNCTION connection_request_number();

-- Moves one request of a scope's tally from one status to another.
CREATE FUNCTION connection_request_tally_move(tally_scope TEXT, from_status "ConnectionRequestStatus", to_status "ConnectionRequestStatus")
RETURNS void LANGUAGE sql AS $$
  UPDATE "ConnectionRequestTally" SET
    "pending" = "pending" + (to_status = 'pending')::int - (from_status = 'pending')::int,
    "approved" = "approved" + (to_status = 'approved')::int - (from_status = 'approved')::int,
    "rejected" = "rejected" + (to_status = 'rejected')::int - (from_status = 'rejected')::int
  WHERE "scope" = tally_scope;
$$;

CREATE FUNCTION connection_request_recount() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW."organizationId" <> OLD."organizationId" OR NEW."sequence" <> OLD."sequence" OR NEW."orgSequence" <> OLD."orgSequence" THEN
    RAISE EXCEPTION 'A connection request keeps its organization and its numbers.';
  END IF;
  IF NEW.status <> OLD.status THEN
    PERFORM connection_request_tally_move(NEW."organizationId"::text, OLD.status, NEW.status);
    PERFORM connection_request_tally_move('platform', OLD.status, NEW.status);
  END IF;
  RETURN NEW;
END $$;

CREATE TRIGGER connection_request_recount BEFORE UPDATE ON "ConnectionRequest"
FOR EACH ROW EXECUTE FUNCTION connection_request_recount();

-- Positions are dense only while no request disappears: requests are kept (decided ones too).
CREATE FUNCTION connection_request_keep() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'Connection requests are never deleted: list positions depend on every number being taken.';
END $$;

CREATE TRIGGER connection_request_keep BEFORE DELETE ON "ConnectionRequest"
FOR EACH ROW EXECUTE FUNCTION connection_request_keep();
