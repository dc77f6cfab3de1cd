-- AlterTable
ALTER TABLE "Partner" ADD COLUMN "sharedChannel" TEXT;
ALTER TABLE "Partner" ADD COLUMN "supportContact" TEXT;

-- CreateTable
CREATE TABLE "PartnerAgreement" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "organizationId" TEXT NOT NULL,
    "partnerId" TEXT NOT NULL,
    "reference" TEXT NOT NULL,
    "validUntil" DATETIME,
    "recordedById" TEXT,
    "createdAt" DATETIME NOT NULL,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "PartnerTicket" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "caseId" TEXT NOT NULL,
    "partnerId" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "externalId" TEXT,
    "trackingNumber" TEXT,
    "trackingUrl" TEXT,
    "agreementRef" TEXT,
    "findings" TEXT,
    "request" INTEGER NOT NULL DEFAULT 1,
    "requestedById" TEXT,
    "lastError" TEXT,
    "createdAt" DATETIME NOT NULL,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "PartnerMirror" (
    "partnerId" TEXT NOT NULL,
    "externalId" TEXT NOT NULL,
    "caseEventId" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL,

    PRIMARY KEY ("partnerId", "externalId")
);

-- CreateIndex
CREATE UNIQUE INDEX "PartnerAgreement_organizationId_partnerId_key" ON "PartnerAgreement"("organizationId", "partnerId");

-- CreateIndex
CREATE UNIQUE INDEX "PartnerTicket_caseId_key" ON "PartnerTicket"("caseId");

-- CreateIndex
CREATE INDEX "PartnerTicket_status_idx" ON "PartnerTicket"("status");

-- CreateIndex
CREATE UNIQUE INDEX "PartnerTicket_partnerId_externalId_key" ON "PartnerTicket"("partnerId", "externalId");

