-- AlterTable
ALTER TABLE "Order" ADD COLUMN     "itemsDone" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "provisionedBy" TEXT;

