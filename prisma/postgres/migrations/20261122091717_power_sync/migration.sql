-- AlterTable
ALTER TABLE "CloudSettings" ADD COLUMN     "powerSyncSeconds" INTEGER NOT NULL DEFAULT 600;

-- AlterTable
ALTER TABLE "Instance" ADD COLUMN     "guestPowerState" TEXT;

