-- AlterTable
ALTER TABLE "InboundDelivery" ADD COLUMN "attempts" INTEGER NOT NULL DEFAULT 0;
