-- AlterTable
ALTER TABLE "DeployNode" ADD COLUMN     "lastHeartbeatAt" TIMESTAMP(3),
ADD COLUMN     "zkSequence" INTEGER;

-- CreateTable
CREATE TABLE "ControlPlane" (
    "id" INTEGER NOT NULL,
    "leaderId" TEXT,
    "lastLeaderId" TEXT,
    "nextSequence" INTEGER NOT NULL DEFAULT 0,
    "leaderLostAt" TIMESTAMP(3),
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ControlPlane_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ControlPlaneEvent" (
    "id" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,
    "kind" TEXT NOT NULL,
    "nodeId" TEXT,
    "actor" TEXT,
    "detail" JSONB,

    CONSTRAINT "ControlPlaneEvent_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ControlPlaneEvent_at_idx" ON "ControlPlaneEvent"("at");

