-- AlterTable
ALTER TABLE "Case" ADD COLUMN     "acknowledgedLevel" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "breaches" TEXT NOT NULL DEFAULT '[]',
ADD COLUMN     "escalationLevel" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "firstResponseAt" TIMESTAMP(3),
ADD COLUMN     "firstResponseDue" TIMESTAMP(3),
ADD COLUMN     "nextUpdateDue" TIMESTAMP(3),
ADD COLUMN     "resolutionDue" TIMESTAMP(3),
ADD COLUMN     "slaPausedAt" TIMESTAMP(3),
ADD COLUMN     "slaPolicy" TEXT;

-- CreateTable
CREATE TABLE "Escalation" (
    "id" TEXT NOT NULL,
    "caseId" TEXT NOT NULL,
    "level" INTEGER NOT NULL,
    "trigger" TEXT NOT NULL,
    "reason" TEXT,
    "requestedById" TEXT,
    "status" TEXT NOT NULL,
    "acknowledgedById" TEXT,
    "acknowledgedAt" TIMESTAMP(3),
    "pings" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Escalation_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Escalation_caseId_level_idx" ON "Escalation"("caseId", "level");

-- CreateIndex
CREATE INDEX "Escalation_status_level_idx" ON "Escalation"("status", "level");

-- AddForeignKey
ALTER TABLE "Escalation" ADD CONSTRAINT "Escalation_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

