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
    "fixPending" BOOLEAN NOT NULL DEFAULT false,
    "fixVersion" TEXT,
    "fixNotifiedAt" DATETIME,
    CONSTRAINT "Case_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Case_requesterId_fkey" FOREIGN KEY ("requesterId") REFERENCES "Person" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Case_assigneeId_fkey" FOREIGN KEY ("assigneeId") REFERENCES "Person" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Case_deviceId_fkey" FOREIGN KEY ("deviceId") REFERENCES "Device" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Case_siteId_fkey" FOREIGN KEY ("siteId") REFERENCES "Site" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Case_partnerId_fkey" FOREIGN KEY ("partnerId") REFERENCES "Partner" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Case" ("acknowledgedLevel", "assigneeId", "breaches", "category", "closedAt", "createdAt", "description", "deviceId", "escalationLevel", "firstResponseAt", "firstResponseDue", "id", "language", "nextUpdateDue", "number", "organizationId", "originKey", "partnerId", "requesterId", "resolution", "resolutionDue", "resolutionType", "resolvedAt", "severity", "siteId", "slaPausedAt", "slaPolicy", "status", "title", "updatedAt") SELECT "acknowledgedLevel", "assigneeId", "breaches", "category", "closedAt", "createdAt", "description", "deviceId", "escalationLevel", "firstResponseAt", "firstResponseDue", "id", "language", "nextUpdateDue", "number", "organizationId", "originKey", "partnerId", "requesterId", "resolution", "resolutionDue", "resolutionType", "resolvedAt", "severity", "siteId", "slaPausedAt", "slaPolicy", "status", "title", "updatedAt" FROM "Case";
DROP TABLE "Case";
ALTER TABLE "new_Case" RENAME TO "Case";
CREATE UNIQUE INDEX "Case_number_key" ON "Case"("number");
CREATE UNIQUE INDEX "Case_originKey_key" ON "Case"("originKey");
CREATE INDEX "Case_organizationId_status_idx" ON "Case"("organizationId", "status");
CREATE INDEX "Case_requesterId_idx" ON "Case"("requesterId");
CREATE INDEX "Case_assigneeId_idx" ON "Case"("assigneeId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

