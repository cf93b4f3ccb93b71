-- AlterTable
ALTER TABLE "Instance" ADD COLUMN     "locked" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "lockedBy" TEXT;

