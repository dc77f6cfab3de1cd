-- AlterTable
ALTER TABLE "StockItem" ADD COLUMN "restockOn" TEXT;

