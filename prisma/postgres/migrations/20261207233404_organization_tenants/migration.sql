-- CreateTable
CREATE TABLE "OrganizationTenant" (
    "platform" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,

    CONSTRAINT "OrganizationTenant_pkey" PRIMARY KEY ("platform","tenantId")
);

-- CreateIndex
CREATE UNIQUE INDEX "OrganizationTenant_organizationId_platform_key" ON "OrganizationTenant"("organizationId", "platform");

-- AddForeignKey
ALTER TABLE "OrganizationTenant" ADD CONSTRAINT "OrganizationTenant_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Carry the per-platform columns over as rows before they go.
INSERT INTO "OrganizationTenant" ("platform", "tenantId", "organizationId")
  SELECT 'slack', "slackTeamId", "id" FROM "Organization" WHERE "slackTeamId" IS NOT NULL;
INSERT INTO "OrganizationTenant" ("platform", "tenantId", "organizationId")
  SELECT 'teams', "teamsTenantId", "id" FROM "Organization" WHERE "teamsTenantId" IS NOT NULL;

-- DropIndex
DROP INDEX "Organization_slackTeamId_key";

-- DropIndex
DROP INDEX "Organization_teamsTenantId_key";

-- AlterTable
ALTER TABLE "Organization" DROP COLUMN "slackTeamId",
DROP COLUMN "teamsTenantId";
