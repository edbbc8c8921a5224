-- Two concurrent consents could create two grants for one person and app. Keep one per pair
-- (the newest active grant, else the newest), move the others' codes and tokens to it, and let
-- the database refuse a second one from now on.
CREATE TEMPORARY TABLE "GrantMerge" ON COMMIT DROP AS
  SELECT id, first_value(id) OVER (
    PARTITION BY "clientId", "userId" ORDER BY ("revokedAt" IS NULL) DESC, "createdAt" DESC, id
  ) AS keep
  FROM "OAuthGrant";
DELETE FROM "GrantMerge" WHERE id = keep;

UPDATE "OAuthToken" t SET "grantId" = m.keep FROM "GrantMerge" m WHERE t."grantId" = m.id;
UPDATE "OAuthAuthorizationCode" c SET "grantId" = m.keep FROM "GrantMerge" m WHERE c."grantId" = m.id;
DELETE FROM "OAuthGrant" g USING "GrantMerge" m WHERE g.id = m.id;

-- DropIndex
DROP INDEX "OAuthGrant_clientId_userId_idx";

-- CreateIndex
CREATE UNIQUE INDEX "OAuthGrant_clientId_userId_key" ON "OAuthGrant"("clientId", "userId");
