-- AlterTable
ALTER TABLE "Host" ADD COLUMN     "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;

-- CreateTable
CREATE TABLE "ComputeReport" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "reportedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ComputeReport_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Host_updatedAt_idx" ON "Host"("updatedAt");

