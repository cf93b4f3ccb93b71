-- AlterTable
ALTER TABLE "AuditLog" ADD COLUMN     "source" TEXT;

