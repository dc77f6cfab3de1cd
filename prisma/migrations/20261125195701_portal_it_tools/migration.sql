-- AlterTable
ALTER TABLE "AuditLog" ADD COLUMN "chainIndex" INTEGER;
ALTER TABLE "AuditLog" ADD COLUMN "hash" TEXT;
ALTER TABLE "AuditLog" ADD COLUMN "prevHash" TEXT;

-- CreateTable
CREATE TABLE "AuditHead" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "chainIndex" INTEGER NOT NULL,
    "hash" TEXT NOT NULL,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "FirmwareRelease" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "modelId" TEXT NOT NULL,
    "version" TEXT NOT NULL,
    "releasedAt" DATETIME NOT NULL,
    "notes" TEXT NOT NULL DEFAULT '',
    "link" TEXT,
    "createdAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "DeviceEvent" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "deviceId" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "siteId" TEXT,
    "digestId" TEXT,
    "type" TEXT NOT NULL,
    "severity" TEXT NOT NULL,
    "detail" TEXT,
    "occurredAt" DATETIME NOT NULL,
    "receivedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "DeviceStatus" (
    "deviceId" TEXT NOT NULL PRIMARY KEY,
    "organizationId" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "detail" TEXT,
    "since" DATETIME NOT NULL,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "StatusDigest" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "openKey" TEXT,
    "organizationId" TEXT NOT NULL,
    "siteId" TEXT,
    "events" INTEGER NOT NULL DEFAULT 0,
    "reported" INTEGER NOT NULL DEFAULT 0,
    "updates" INTEGER NOT NULL DEFAULT 0,
    "caseId" TEXT,
    "startedAt" DATETIME NOT NULL,
    "lastEventAt" DATETIME NOT NULL,
    "closedAt" DATETIME
);

-- CreateIndex
CREATE INDEX "FirmwareRelease_modelId_releasedAt_idx" ON "FirmwareRelease"("modelId", "releasedAt");

-- CreateIndex
CREATE UNIQUE INDEX "FirmwareRelease_modelId_version_key" ON "FirmwareRelease"("modelId", "version");

-- CreateIndex
CREATE INDEX "DeviceEvent_digestId_type_idx" ON "DeviceEvent"("digestId", "type");

-- CreateIndex
CREATE INDEX "DeviceEvent_deviceId_occurredAt_idx" ON "DeviceEvent"("deviceId", "occurredAt");

-- CreateIndex
CREATE INDEX "DeviceEvent_organizationId_receivedAt_idx" ON "DeviceEvent"("organizationId", "receivedAt");

-- CreateIndex
CREATE INDEX "DeviceStatus_organizationId_state_idx" ON "DeviceStatus"("organizationId", "state");

-- CreateIndex
CREATE UNIQUE INDEX "StatusDigest_openKey_key" ON "StatusDigest"("openKey");

-- CreateIndex
CREATE INDEX "StatusDigest_organizationId_startedAt_idx" ON "StatusDigest"("organizationId", "startedAt");

-- CreateIndex
CREATE UNIQUE INDEX "AuditLog_chainIndex_key" ON "AuditLog"("chainIndex");

