-- AlterTable
ALTER TABLE "Person" ADD COLUMN     "timeZone" TEXT;

