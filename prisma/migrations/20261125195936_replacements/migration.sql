-- CreateTable
CREATE TABLE "Depot" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "key" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "country" TEXT NOT NULL,
    "timeZone" TEXT NOT NULL,
    "holidayCountry" TEXT NOT NULL,
    "holidayRegion" TEXT,
    "shipDays" TEXT NOT NULL DEFAULT 'Mon-Fri',
    "cutoff" TEXT NOT NULL DEFAULT '16:00',
    "returnDays" INTEGER NOT NULL DEFAULT 10,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "DepotLane" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "depotId" TEXT NOT NULL,
    "country" TEXT NOT NULL,
    "priority" INTEGER NOT NULL DEFAULT 1,
    "transitDays" INTEGER NOT NULL DEFAULT 1,
    CONSTRAINT "DepotLane_depotId_fkey" FOREIGN KEY ("depotId") REFERENCES "Depot" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Part" (
    "code" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "nameEs" TEXT,
    "kind" TEXT NOT NULL,
    "category" TEXT NOT NULL,
    "models" TEXT NOT NULL DEFAULT '[]',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "StockItem" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "depotId" TEXT NOT NULL,
    "partCode" TEXT NOT NULL,
    "onHand" INTEGER NOT NULL DEFAULT 0,
    "reserved" INTEGER NOT NULL DEFAULT 0,
    "lowAt" INTEGER NOT NULL DEFAULT 1,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "StockItem_depotId_fkey" FOREIGN KEY ("depotId") REFERENCES "Depot" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "OnsiteCoverage" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "country" TEXT NOT NULL,
    "region" TEXT NOT NULL DEFAULT '',
    "families" TEXT NOT NULL DEFAULT '[]',
    "fee" INTEGER NOT NULL,
    "currency" TEXT NOT NULL,
    "hours" TEXT NOT NULL DEFAULT 'Mon-Fri 09:00-18:00',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "Technician" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "key" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "phone" TEXT,
    "email" TEXT,
    "areas" TEXT NOT NULL DEFAULT '[]',
    "locale" TEXT NOT NULL DEFAULT 'en',
    "platform" TEXT,
    "conversationId" TEXT,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "TechnicianBooking" (
    "technicianId" TEXT NOT NULL,
    "slotStart" DATETIME NOT NULL,
    "visitId" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL,

    PRIMARY KEY ("technicianId", "slotStart")
);

-- CreateTable
CREATE TABLE "Rma" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "number" INTEGER NOT NULL,
    "organizationId" TEXT NOT NULL,
    "deviceId" TEXT NOT NULL,
    "siteId" TEXT,
    "caseId" TEXT,
    "depotId" TEXT NOT NULL,
    "partCode" TEXT NOT NULL,
    "requesterId" TEXT,
    "orderedById" TEXT,
    "originKey" TEXT,
    "status" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "language" TEXT NOT NULL DEFAULT 'en',
    "shipDate" TEXT NOT NULL,
    "deliveryDate" TEXT NOT NULL,
    "replacementSerial" TEXT,
    "carrier" TEXT,
    "trackingNumber" TEXT,
    "returnDueAt" DATETIME,
    "shippedAt" DATETIME,
    "deliveredAt" DATETIME,
    "returnedAt" DATETIME,
    "cancelledAt" DATETIME,
    "createdAt" DATETIME NOT NULL,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "RmaEvent" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "rmaId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "actorId" TEXT,
    "body" TEXT,
    "data" TEXT,
    "originKey" TEXT,
    "createdAt" DATETIME NOT NULL,
    CONSTRAINT "RmaEvent_rmaId_fkey" FOREIGN KEY ("rmaId") REFERENCES "Rma" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "OnsiteVisit" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "number" INTEGER NOT NULL,
    "organizationId" TEXT NOT NULL,
    "deviceId" TEXT NOT NULL,
    "siteId" TEXT NOT NULL,
    "caseId" TEXT,
    "rmaId" TEXT,
    "requesterId" TEXT,
    "contactId" TEXT,
    "contactName" TEXT,
    "contactPhone" TEXT,
    "technicianId" TEXT,
    "originKey" TEXT,
    "status" TEXT NOT NULL,
    "purpose" TEXT NOT NULL,
    "fee" INTEGER NOT NULL,
    "currency" TEXT NOT NULL,
    "timeZone" TEXT NOT NULL,
    "slotStart" DATETIME,
    "slotEnd" DATETIME,
    "language" TEXT NOT NULL DEFAULT 'en',
    "confirmedById" TEXT,
    "confirmedAt" DATETIME,
    "completedAt" DATETIME,
    "cancelledAt" DATETIME,
    "createdAt" DATETIME NOT NULL,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "OnsiteEvent" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "visitId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "actorId" TEXT,
    "body" TEXT,
    "data" TEXT,
    "originKey" TEXT,
    "createdAt" DATETIME NOT NULL,
    CONSTRAINT "OnsiteEvent_visitId_fkey" FOREIGN KEY ("visitId") REFERENCES "OnsiteVisit" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "Depot_key_key" ON "Depot"("key");

-- CreateIndex
CREATE INDEX "DepotLane_depotId_idx" ON "DepotLane"("depotId");

-- CreateIndex
CREATE UNIQUE INDEX "DepotLane_country_depotId_key" ON "DepotLane"("country", "depotId");

-- CreateIndex
CREATE INDEX "StockItem_partCode_idx" ON "StockItem"("partCode");

-- CreateIndex
CREATE UNIQUE INDEX "StockItem_depotId_partCode_key" ON "StockItem"("depotId", "partCode");

-- CreateIndex
CREATE UNIQUE INDEX "OnsiteCoverage_country_region_key" ON "OnsiteCoverage"("country", "region");

-- CreateIndex
CREATE UNIQUE INDEX "Technician_key_key" ON "Technician"("key");

-- CreateIndex
CREATE UNIQUE INDEX "TechnicianBooking_visitId_key" ON "TechnicianBooking"("visitId");

-- CreateIndex
CREATE UNIQUE INDEX "Rma_number_key" ON "Rma"("number");

-- CreateIndex
CREATE UNIQUE INDEX "Rma_originKey_key" ON "Rma"("originKey");

-- CreateIndex
CREATE INDEX "Rma_organizationId_status_idx" ON "Rma"("organizationId", "status");

-- CreateIndex
CREATE INDEX "Rma_deviceId_idx" ON "Rma"("deviceId");

-- CreateIndex
CREATE INDEX "Rma_status_createdAt_idx" ON "Rma"("status", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "RmaEvent_originKey_key" ON "RmaEvent"("originKey");

-- CreateIndex
CREATE INDEX "RmaEvent_rmaId_createdAt_idx" ON "RmaEvent"("rmaId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "OnsiteVisit_number_key" ON "OnsiteVisit"("number");

-- CreateIndex
CREATE UNIQUE INDEX "OnsiteVisit_originKey_key" ON "OnsiteVisit"("originKey");

-- CreateIndex
CREATE INDEX "OnsiteVisit_organizationId_status_idx" ON "OnsiteVisit"("organizationId", "status");

-- CreateIndex
CREATE INDEX "OnsiteVisit_deviceId_idx" ON "OnsiteVisit"("deviceId");

-- CreateIndex
CREATE INDEX "OnsiteVisit_technicianId_slotStart_idx" ON "OnsiteVisit"("technicianId", "slotStart");

-- CreateIndex
CREATE UNIQUE INDEX "OnsiteEvent_originKey_key" ON "OnsiteEvent"("originKey");

-- CreateIndex
CREATE INDEX "OnsiteEvent_visitId_createdAt_idx" ON "OnsiteEvent"("visitId", "createdAt");

