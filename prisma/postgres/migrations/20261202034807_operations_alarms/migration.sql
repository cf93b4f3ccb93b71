-- AlterTable
ALTER TABLE "StoragePool" ADD COLUMN     "offline" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "Volume" ADD COLUMN     "statusBeforeFault" TEXT;

-- CreateTable
CREATE TABLE "Alarm" (
    "id" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "sourceName" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "severity" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "openKey" TEXT,
    "rootKey" TEXT,
    "scope" TEXT NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 1,
    "firstAt" TIMESTAMP(3) NOT NULL,
    "lastAt" TIMESTAMP(3) NOT NULL,
    "clearedAt" TIMESTAMP(3),
    "clearedBy" TEXT,
    "acknowledgedAt" TIMESTAMP(3),
    "acknowledgedBy" TEXT,
    "detail" JSONB,

    CONSTRAINT "Alarm_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AlarmComment" (
    "id" TEXT NOT NULL,
    "alarmId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "userName" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,
    "text" TEXT NOT NULL,

    CONSTRAINT "AlarmComment_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Alarm_openKey_key" ON "Alarm"("openKey");

-- CreateIndex
CREATE INDEX "Alarm_state_severity_idx" ON "Alarm"("state", "severity");

-- CreateIndex
CREATE INDEX "Alarm_scope_state_idx" ON "Alarm"("scope", "state");

-- CreateIndex
CREATE INDEX "Alarm_lastAt_idx" ON "Alarm"("lastAt");

-- CreateIndex
CREATE INDEX "AlarmComment_alarmId_idx" ON "AlarmComment"("alarmId");

-- AddForeignKey
ALTER TABLE "AlarmComment" ADD CONSTRAINT "AlarmComment_alarmId_fkey" FOREIGN KEY ("alarmId") REFERENCES "Alarm"("id") ON DELETE CASCADE ON UPDATE CASCADE;

