-- AlterTable
ALTER TABLE "Image" ADD COLUMN "deletedAt" DATETIME;

