-- AlterTable
ALTER TABLE "Partner" ADD COLUMN     "sharedChannel" TEXT,
ADD COLUMN     "supportContact" TEXT;

-- CreateTable
CREATE TABLE "PartnerAgreement" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "partnerId" TEXT NOT NULL,
    "reference" TEXT NOT NULL,
    "validUntil" TIMESTAMP(3),
    "recordedById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PartnerAgreement_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PartnerTicket" (
    "id" TEXT NOT NULL,
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
    "createdAt" TIMESTAMP(3) NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PartnerTicket_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PartnerMirror" (
    "partnerId" TEXT NOT NULL,
    "externalId" TEXT NOT NULL,
    "caseEventId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PartnerMirror_pkey" PRIMARY KEY ("partnerId","externalId")
);

-- CreateIndex
CREATE UNIQUE INDEX "PartnerAgreement_organizationId_partnerId_key" ON "PartnerAgreement"("organizationId", "partnerId");

-- CreateIndex
CREATE UNIQUE INDEX "PartnerTicket_caseId_key" ON "PartnerTicket"("caseId");

-- CreateIndex
CREATE INDEX "PartnerTicket_status_idx" ON "PartnerTicket"("status");

-- CreateIndex
CREATE UNIQUE INDEX "PartnerTicket_partnerId_externalId_key" ON "PartnerTicket"("partnerId", "externalId");

