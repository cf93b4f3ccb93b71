-- CreateTable
CREATE TABLE "ComputeReport" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT DEFAULT 1,
    "reportedAt" DATETIME NOT NULL
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Host" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "azId" TEXT NOT NULL,
    "ip" TEXT NOT NULL,
    "cpuModel" TEXT NOT NULL,
    "architecture" TEXT NOT NULL,
    "hypervisorType" TEXT NOT NULL,
    "hypervisorVersion" INTEGER NOT NULL DEFAULT 7002000,
    "cpuInfo" TEXT NOT NULL DEFAULT '{}',
    "traits" TEXT NOT NULL DEFAULT '',
    "vcpus" INTEGER NOT NULL,
    "memoryMb" INTEGER NOT NULL,
    "localDiskGb" INTEGER NOT NULL,
    "hugePageMemoryMb" INTEGER NOT NULL DEFAULT 0,
    "reservedVcpus" INTEGER,
    "reservedMemoryMb" INTEGER,
    "cpuAllocationRatio" REAL,
    "ramAllocationRatio" REAL,
    "diskAllocationRatio" REAL,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "disabledReason" TEXT,
    "serviceRunning" BOOLEAN NOT NULL DEFAULT true,
    "lastHeartbeatAt" DATETIME,
    "vcpusUsed" INTEGER NOT NULL DEFAULT 0,
    "memoryMbUsed" INTEGER NOT NULL DEFAULT 0,
    "diskGbUsed" INTEGER NOT NULL DEFAULT 0,
    "hugePagesUsedMb" INTEGER NOT NULL DEFAULT 0,
    "instanceCount" INTEGER NOT NULL DEFAULT 0,
    "updatedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "serialNo" TEXT NOT NULL,
    "model" TEXT NOT NULL,
    CONSTRAINT "Host_azId_fkey" FOREIGN KEY ("azId") REFERENCES "AvailabilityZone" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_Host" ("architecture", "azId", "cpuAllocationRatio", "cpuInfo", "cpuModel", "disabledReason", "diskAllocationRatio", "diskGbUsed", "enabled", "hugePageMemoryMb", "hugePagesUsedMb", "hypervisorType", "hypervisorVersion", "id", "instanceCount", "ip", "lastHeartbeatAt", "localDiskGb", "memoryMb", "memoryMbUsed", "model", "name", "ramAllocationRatio", "reservedMemoryMb", "reservedVcpus", "serialNo", "serviceRunning", "traits", "vcpus", "vcpusUsed") SELECT "architecture", "azId", "cpuAllocationRatio", "cpuInfo", "cpuModel", "disabledReason", "diskAllocationRatio", "diskGbUsed", "enabled", "hugePageMemoryMb", "hugePagesUsedMb", "hypervisorType", "hypervisorVersion", "id", "instanceCount", "ip", "lastHeartbeatAt", "localDiskGb", "memoryMb", "memoryMbUsed", "model", "name", "ramAllocationRatio", "reservedMemoryMb", "reservedVcpus", "serialNo", "serviceRunning", "traits", "vcpus", "vcpusUsed" FROM "Host";
DROP TABLE "Host";
ALTER TABLE "new_Host" RENAME TO "Host";
CREATE UNIQUE INDEX "Host_name_key" ON "Host"("name");
CREATE INDEX "Host_azId_idx" ON "Host"("azId");
CREATE INDEX "Host_updatedAt_idx" ON "Host"("updatedAt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

