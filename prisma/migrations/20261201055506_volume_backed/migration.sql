-- AlterTable
ALTER TABLE "Instance" ADD COLUMN "volumeBacked" BOOLEAN NOT NULL DEFAULT false;
