-- AlterTable
ALTER TABLE "Volume" ADD COLUMN "statusBeforeFault" TEXT;

-- CreateTable
CREATE TABLE "Alarm" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "source" TEXT NOT NULL,
    "sourceName" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "severity" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "openKey" TEXT,
    "rootKey" TEXT,
    "scope" TEXT NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 1,
    "firstAt" DATETIME NOT NULL,
    "lastAt" DATETIME NOT NULL,
    "clearedAt" DATETIME,
    "clearedBy" TEXT,
    "acknowledgedAt" DATETIME,
    "acknowledgedBy" TEXT,
    "detail" JSONB
);

-- CreateTable
CREATE TABLE "AlarmComment" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "alarmId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "userName" TEXT NOT NULL,
    "at" DATETIME NOT NULL,
    "text" TEXT NOT NULL,
    CONSTRAINT "AlarmComment_alarmId_fkey" FOREIGN KEY ("alarmId") REFERENCES "Alarm" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_StoragePool" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "arrayId" TEXT NOT NULL,
    "raidGroupId" TEXT NOT NULL,
    "azId" TEXT NOT NULL,
    "backendName" TEXT NOT NULL,
    "protocol" TEXT NOT NULL,
    "tier" TEXT NOT NULL,
    "diskType" TEXT NOT NULL,
    "totalGb" INTEGER NOT NULL,
    "allocatedGb" INTEGER NOT NULL DEFAULT 0,
    "writtenGb" REAL NOT NULL DEFAULT 0,
    "reservedPercentage" INTEGER NOT NULL DEFAULT 0,
    "thinSupport" BOOLEAN NOT NULL DEFAULT true,
    "thickSupport" BOOLEAN NOT NULL DEFAULT true,
    "ratioOverride" TEXT,
    "capabilities" JSONB NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "disabledReason" TEXT,
    "serviceRunning" BOOLEAN NOT NULL DEFAULT true,
    "offline" BOOLEAN NOT NULL DEFAULT false,
    "lastHeartbeatAt" DATETIME,
    "updatedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "StoragePool_arrayId_fkey" FOREIGN KEY ("arrayId") REFERENCES "StorageArray" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "StoragePool_raidGroupId_fkey" FOREIGN KEY ("raidGroupId") REFERENCES "RaidGroup" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "StoragePool_azId_fkey" FOREIGN KEY ("azId") REFERENCES "AvailabilityZone" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_StoragePool" ("allocatedGb", "arrayId", "azId", "backendName", "capabilities", "disabledReason", "diskType", "enabled", "id", "lastHeartbeatAt", "name", "protocol", "raidGroupId", "ratioOverride", "reservedPercentage", "serviceRunning", "thickSupport", "thinSupport", "tier", "totalGb", "updatedAt", "writtenGb") SELECT "allocatedGb", "arrayId", "azId", "backendName", "capabilities", "disabledReason", "diskType", "enabled", "id", "lastHeartbeatAt", "name", "protocol", "raidGroupId", "ratioOverride", "reservedPercentage", "serviceRunning", "thickSupport", "thinSupport", "tier", "totalGb", "updatedAt", "writtenGb" FROM "StoragePool";
DROP TABLE "StoragePool";
ALTER TABLE "new_StoragePool" RENAME TO "StoragePool";
CREATE UNIQUE INDEX "StoragePool_name_key" ON "StoragePool"("name");
CREATE INDEX "StoragePool_azId_idx" ON "StoragePool"("azId");
CREATE INDEX "StoragePool_updatedAt_idx" ON "StoragePool"("updatedAt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

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

