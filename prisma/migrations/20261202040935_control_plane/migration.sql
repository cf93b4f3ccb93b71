-- AlterTable
ALTER TABLE "DeployNode" ADD COLUMN "lastHeartbeatAt" DATETIME;
ALTER TABLE "DeployNode" ADD COLUMN "zkSequence" INTEGER;

-- CreateTable
CREATE TABLE "ControlPlane" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "leaderId" TEXT,
    "lastLeaderId" TEXT,
    "nextSequence" INTEGER NOT NULL DEFAULT 0,
    "leaderLostAt" DATETIME,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "ControlPlaneEvent" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "at" DATETIME NOT NULL,
    "kind" TEXT NOT NULL,
    "nodeId" TEXT,
    "actor" TEXT,
    "detail" JSONB
);

-- CreateIndex
CREATE INDEX "ControlPlaneEvent_at_idx" ON "ControlPlaneEvent"("at");

