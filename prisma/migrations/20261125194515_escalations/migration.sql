-- CreateTable
CREATE TABLE "Escalation" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "caseId" TEXT NOT NULL,
    "level" INTEGER NOT NULL,
    "trigger" TEXT NOT NULL,
    "reason" TEXT,
    "requestedById" TEXT,
    "status" TEXT NOT NULL,
    "acknowledgedById" TEXT,
    "acknowledgedAt" DATETIME,
    "pings" INTEGER NOT NULL DEFAULT 1,
    "createdAt" DATETIME NOT NULL,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Escalation_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Case" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "number" INTEGER NOT NULL,
    "organizationId" TEXT NOT NULL,
    "requesterId" TEXT NOT NULL,
    "assigneeId" TEXT,
    "deviceId" TEXT,
    "siteId" TEXT,
    "partnerId" TEXT,
    "originKey" TEXT,
    "title" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "category" TEXT,
    "severity" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "resolutionType" TEXT,
    "resolution" TEXT,
    "language" TEXT NOT NULL DEFAULT 'en',
    "createdAt" DATETIME NOT NULL,
    "updatedAt" DATETIME NOT NULL,
    "resolvedAt" DATETIME,
    "closedAt" DATETIME,
    "slaPolicy" TEXT,
    "firstResponseDue" DATETIME,
    "nextUpdateDue" DATETIME,
    "resolutionDue" DATETIME,
    "firstResponseAt" DATETIME,
    "slaPausedAt" DATETIME,
    "escalationLevel" INTEGER NOT NULL DEFAULT 0,
    "acknowledgedLevel" INTEGER NOT NULL DEFAULT 0,
    "breaches" TEXT NOT NULL DEFAULT '[]',
    CONSTRAINT "Case_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Case_requesterId_fkey" FOREIGN KEY ("requesterId") REFERENCES "Person" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Case_assigneeId_fkey" FOREIGN KEY ("assigneeId") REFERENCES "Person" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Case_deviceId_fkey" FOREIGN KEY ("deviceId") REFERENCES "Device" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Case_siteId_fkey" FOREIGN KEY ("siteId") REFERENCES "Site" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Case_partnerId_fkey" FOREIGN KEY ("partnerId") REFERENCES "Partner" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Case" ("assigneeId", "category", "closedAt", "createdAt", "description", "deviceId", "id", "language", "number", "organizationId", "originKey", "partnerId", "requesterId", "resolution", "resolutionType", "resolvedAt", "severity", "siteId", "status", "title", "updatedAt") SELECT "assigneeId", "category", "closedAt", "createdAt", "description", "deviceId", "id", "language", "number", "organizationId", "originKey", "partnerId", "requesterId", "resolution", "resolutionType", "resolvedAt", "severity", "siteId", "status", "title", "updatedAt" FROM "Case";
DROP TABLE "Case";
ALTER TABLE "new_Case" RENAME TO "Case";
CREATE UNIQUE INDEX "Case_number_key" ON "Case"("number");
CREATE UNIQUE INDEX "Case_originKey_key" ON "Case"("originKey");
CREATE INDEX "Case_organizationId_status_idx" ON "Case"("organizationId", "status");
CREATE INDEX "Case_requesterId_idx" ON "Case"("requesterId");
CREATE INDEX "Case_assigneeId_idx" ON "Case"("assigneeId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "Escalation_caseId_level_idx" ON "Escalation"("caseId", "level");

-- CreateIndex
CREATE INDEX "Escalation_status_level_idx" ON "Escalation"("status", "level");

