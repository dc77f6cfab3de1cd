-- AlterTable
ALTER TABLE "Case" ADD COLUMN     "fixNotifiedAt" TIMESTAMP(3),
ADD COLUMN     "fixPending" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "fixVersion" TEXT;

