-- The per-platform tenant columns become rows. They are set aside first: redefining
-- "Organization" deletes its rows, and with foreign keys on (they cannot be turned off inside
-- the migration's transaction) that delete would cascade to tenant rows made before it.
CREATE TEMPORARY TABLE "_OrganizationTenantCarry" AS
  SELECT 'slack' AS "platform", "slackTeamId" AS "tenantId", "id" AS "organizationId" FROM "Organization" WHERE "slackTeamId" IS NOT NULL
  UNION ALL
  SELECT 'teams', "teamsTenantId", "id" FROM "Organization" WHERE "teamsTenantId" IS NOT NULL;

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Organization" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "key" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "locale" TEXT NOT NULL DEFAULT 'en',
    "resellerName" TEXT,
    "resellerContact" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_Organization" ("createdAt", "id", "key", "locale", "name", "resellerContact", "resellerName", "updatedAt") SELECT "createdAt", "id", "key", "locale", "name", "resellerContact", "resellerName", "updatedAt" FROM "Organization";
DROP TABLE "Organization";
ALTER TABLE "new_Organization" RENAME TO "Organization";
CREATE UNIQUE INDEX "Organization_key_key" ON "Organization"("key");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateTable
CREATE TABLE "OrganizationTenant" (
    "platform" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,

    PRIMARY KEY ("platform", "tenantId"),
    CONSTRAINT "OrganizationTenant_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "OrganizationTenant_organizationId_platform_key" ON "OrganizationTenant"("organizationId", "platform");

INSERT INTO "OrganizationTenant" ("platform", "tenantId", "organizationId") SELECT "platform", "tenantId", "organizationId" FROM "_OrganizationTenantCarry";
DROP TABLE "_OrganizationTenantCarry";
