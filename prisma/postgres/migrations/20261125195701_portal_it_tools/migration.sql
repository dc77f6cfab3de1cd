-- AlterTable
ALTER TABLE "AuditLog" ADD COLUMN     "chainIndex" INTEGER,
ADD COLUMN     "hash" TEXT,
ADD COLUMN     "prevHash" TEXT;

-- CreateTable
CREATE TABLE "AuditHead" (
    "id" INTEGER NOT NULL,
    "chainIndex" INTEGER NOT NULL,
    "hash" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "AuditHead_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FirmwareRelease" (
    "id" TEXT NOT NULL,
    "modelId" TEXT NOT NULL,
    "version" TEXT NOT NULL,
    "releasedAt" TIMESTAMP(3) NOT NULL,
    "notes" TEXT NOT NULL DEFAULT '',
    "link" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "FirmwareRelease_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DeviceEvent" (
    "id" TEXT NOT NULL,
    "deviceId" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "siteId" TEXT,
    "digestId" TEXT,
    "type" TEXT NOT NULL,
    "severity" TEXT NOT NULL,
    "detail" TEXT,
    "occurredAt" TIMESTAMP(3) NOT NULL,
    "receivedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "DeviceEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DeviceStatus" (
    "deviceId" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "detail" TEXT,
    "since" TIMESTAMP(3) NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "DeviceStatus_pkey" PRIMARY KEY ("deviceId")
);

-- CreateTable
CREATE TABLE "StatusDigest" (
    "id" TEXT NOT NULL,
    "openKey" TEXT,
    "organizationId" TEXT NOT NULL,
    "siteId" TEXT,
    "events" INTEGER NOT NULL DEFAULT 0,
    "reported" INTEGER NOT NULL DEFAULT 0,
    "updates" INTEGER NOT NULL DEFAULT 0,
    "caseId" TEXT,
    "startedAt" TIMESTAMP(3) NOT NULL,
    "lastEventAt" TIMESTAMP(3) NOT NULL,
    "closedAt" TIMESTAMP(3),

    CONSTRAINT "StatusDigest_pkey" PRIMARY KEY ("id")
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

