-- A request an admin sends back to its requester. Alone in its migration: PostgreSQL lets a new
-- enum value be used only once the transaction that added it has committed.
ALTER TYPE "ConnectionRequestStatus" ADD VALUE 'changes_requested';
