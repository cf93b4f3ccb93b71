-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_CloudSettings" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT DEFAULT 1,
    "cpuAllocationRatio" REAL NOT NULL DEFAULT 16,
    "ramAllocationRatio" REAL NOT NULL DEFAULT 1.5,
    "diskAllocationRatio" REAL NOT NULL DEFAULT 1,
    "reservedHostCpus" INTEGER NOT NULL DEFAULT 0,
    "reservedHostMemoryMb" INTEGER NOT NULL DEFAULT 512,
    "reservedHostDiskMb" INTEGER NOT NULL DEFAULT 0,
    "hostSubsetSize" INTEGER NOT NULL DEFAULT 1,
    "ramWeightMultiplier" REAL NOT NULL DEFAULT 1,
    "cpuWeightMultiplier" REAL NOT NULL DEFAULT 0,
    "diskWeightMultiplier" REAL NOT NULL DEFAULT 0,
    "isolatedAggregateFiltering" BOOLEAN NOT NULL DEFAULT true,
    "hcsHostGroupPreference" BOOLEAN NOT NULL DEFAULT true,
    "maxAttempts" INTEGER NOT NULL DEFAULT 3,
    "powerSyncSeconds" INTEGER NOT NULL DEFAULT 600,
    "resizeConfirmWindowSeconds" INTEGER NOT NULL DEFAULT 86400,
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_CloudSettings" ("cpuAllocationRatio", "cpuWeightMultiplier", "diskAllocationRatio", "diskWeightMultiplier", "hostSubsetSize", "id", "maxAttempts", "powerSyncSeconds", "ramAllocationRatio", "ramWeightMultiplier", "reservedHostDiskMb", "reservedHostMemoryMb", "resizeConfirmWindowSeconds", "updatedAt") SELECT "cpuAllocationRatio", "cpuWeightMultiplier", "diskAllocationRatio", "diskWeightMultiplier", "hostSubsetSize", "id", "maxAttempts", "powerSyncSeconds", "ramAllocationRatio", "ramWeightMultiplier", "reservedHostDiskMb", "reservedHostMemoryMb", "resizeConfirmWindowSeconds", "updatedAt" FROM "CloudSettings";
DROP TABLE "CloudSettings";
ALTER TABLE "new_CloudSettings" RENAME TO "CloudSettings";
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
    "serialNo" TEXT NOT NULL,
    "model" TEXT NOT NULL,
    CONSTRAINT "Host_azId_fkey" FOREIGN KEY ("azId") REFERENCES "AvailabilityZone" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_Host" ("architecture", "azId", "cpuAllocationRatio", "cpuModel", "disabledReason", "diskAllocationRatio", "diskGbUsed", "enabled", "hugePageMemoryMb", "hugePagesUsedMb", "hypervisorType", "id", "instanceCount", "ip", "lastHeartbeatAt", "localDiskGb", "memoryMb", "memoryMbUsed", "model", "name", "ramAllocationRatio", "reservedMemoryMb", "serialNo", "serviceRunning", "vcpus", "vcpusUsed") SELECT "architecture", "azId", "cpuAllocationRatio", "cpuModel", "disabledReason", "diskAllocationRatio", "diskGbUsed", "enabled", "hugePageMemoryMb", "hugePagesUsedMb", "hypervisorType", "id", "instanceCount", "ip", "lastHeartbeatAt", "localDiskGb", "memoryMb", "memoryMbUsed", "model", "name", "ramAllocationRatio", "reservedMemoryMb", "serialNo", "serviceRunning", "vcpus", "vcpusUsed" FROM "Host";
DROP TABLE "Host";
ALTER TABLE "new_Host" RENAME TO "Host";
CREATE UNIQUE INDEX "Host_name_key" ON "Host"("name");
CREATE INDEX "Host_azId_idx" ON "Host"("azId");
CREATE TABLE "new_Image" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "diskFormat" TEXT NOT NULL,
    "minDiskGb" INTEGER NOT NULL DEFAULT 0,
    "minRamMb" INTEGER NOT NULL DEFAULT 0,
    "architecture" TEXT NOT NULL,
    "hypervisorType" TEXT,
    "vmMode" TEXT,
    "hvRequestedVersion" TEXT,
    "traitsRequired" TEXT NOT NULL DEFAULT '',
    "osType" TEXT NOT NULL,
    "osVersion" TEXT NOT NULL,
    "visibility" TEXT NOT NULL,
    "ownerProjectId" TEXT,
    "sourceInstanceId" TEXT,
    "status" TEXT NOT NULL DEFAULT 'active',
    "sizeMb" INTEGER NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "deletedAt" DATETIME
);
INSERT INTO "new_Image" ("architecture", "createdAt", "deletedAt", "diskFormat", "hypervisorType", "id", "minDiskGb", "minRamMb", "name", "osType", "osVersion", "ownerProjectId", "sizeMb", "sourceInstanceId", "status", "visibility") SELECT "architecture", "createdAt", "deletedAt", "diskFormat", "hypervisorType", "id", "minDiskGb", "minRamMb", "name", "osType", "osVersion", "ownerProjectId", "sizeMb", "sourceInstanceId", "status", "visibility" FROM "Image";
DROP TABLE "Image";
ALTER TABLE "new_Image" RENAME TO "Image";
CREATE UNIQUE INDEX "Image_name_key" ON "Image"("name");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

