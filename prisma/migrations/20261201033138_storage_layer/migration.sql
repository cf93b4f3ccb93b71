-- CreateTable
CREATE TABLE "ServiceReport" (
    "service" TEXT NOT NULL PRIMARY KEY,
    "reportedAt" DATETIME NOT NULL
);

-- The compute services' report moves into the per-service table (edited by hand).
INSERT INTO "ServiceReport" ("service", "reportedAt") SELECT 'compute', "reportedAt" FROM "ComputeReport";

-- DropTable
PRAGMA foreign_keys=off;
DROP TABLE "ComputeReport";
PRAGMA foreign_keys=on;

-- CreateTable
CREATE TABLE "ArrayController" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "arrayId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "health" TEXT NOT NULL DEFAULT 'normal',
    "cacheGb" INTEGER NOT NULL,
    CONSTRAINT "ArrayController_arrayId_fkey" FOREIGN KEY ("arrayId") REFERENCES "StorageArray" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ArrayEnclosure" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "arrayId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "slots" INTEGER NOT NULL,
    "cascadePort" TEXT,
    CONSTRAINT "ArrayEnclosure_arrayId_fkey" FOREIGN KEY ("arrayId") REFERENCES "StorageArray" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ArrayDisk" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "arrayId" TEXT NOT NULL,
    "enclosureId" TEXT NOT NULL,
    "slot" INTEGER NOT NULL,
    "type" TEXT NOT NULL,
    "sizeGb" INTEGER NOT NULL,
    "serialNo" TEXT NOT NULL,
    "health" TEXT NOT NULL DEFAULT 'normal',
    "raidGroupId" TEXT,
    CONSTRAINT "ArrayDisk_arrayId_fkey" FOREIGN KEY ("arrayId") REFERENCES "StorageArray" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "ArrayDisk_enclosureId_fkey" FOREIGN KEY ("enclosureId") REFERENCES "ArrayEnclosure" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "ArrayDisk_raidGroupId_fkey" FOREIGN KEY ("raidGroupId") REFERENCES "RaidGroup" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "RaidGroup" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "arrayId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "level" TEXT NOT NULL,
    "dataColumns" INTEGER,
    "parityColumns" INTEGER,
    "hotSpareDisks" INTEGER NOT NULL DEFAULT 0,
    "usableGb" INTEGER NOT NULL,
    CONSTRAINT "RaidGroup_arrayId_fkey" FOREIGN KEY ("arrayId") REFERENCES "StorageArray" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "VolumeType" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "isPublic" BOOLEAN NOT NULL DEFAULT true,
    "extraSpecs" JSONB NOT NULL,
    "qosIops" INTEGER,
    "qosMbps" INTEGER,
    "createdAt" DATETIME NOT NULL,
    "deletedAt" DATETIME
);

-- CreateTable
CREATE TABLE "VolumeTypeAccess" (
    "volumeTypeId" TEXT NOT NULL,
    "vdcId" TEXT NOT NULL,

    PRIMARY KEY ("volumeTypeId", "vdcId"),
    CONSTRAINT "VolumeTypeAccess_volumeTypeId_fkey" FOREIGN KEY ("volumeTypeId") REFERENCES "VolumeType" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Volume" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "projectId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "azId" TEXT NOT NULL,
    "volumeTypeId" TEXT NOT NULL,
    "poolId" TEXT,
    "sizeGb" INTEGER NOT NULL,
    "thin" BOOLEAN NOT NULL,
    "writtenGb" REAL NOT NULL DEFAULT 0,
    "status" TEXT NOT NULL,
    "bootable" BOOLEAN NOT NULL DEFAULT false,
    "sourceImageId" TEXT,
    "sourceSnapshotId" TEXT,
    "allocated" BOOLEAN NOT NULL DEFAULT false,
    "fault" JSONB,
    "createdAt" DATETIME NOT NULL,
    "updatedAt" DATETIME NOT NULL,
    "deletedAt" DATETIME,
    CONSTRAINT "Volume_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Volume_azId_fkey" FOREIGN KEY ("azId") REFERENCES "AvailabilityZone" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Volume_volumeTypeId_fkey" FOREIGN KEY ("volumeTypeId") REFERENCES "VolumeType" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Volume_poolId_fkey" FOREIGN KEY ("poolId") REFERENCES "StoragePool" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "VolumeAttachment" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "volumeId" TEXT NOT NULL,
    "instanceId" TEXT NOT NULL,
    "device" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "deleteOnTermination" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" DATETIME NOT NULL,
    CONSTRAINT "VolumeAttachment_volumeId_fkey" FOREIGN KEY ("volumeId") REFERENCES "Volume" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "VolumeAttachment_instanceId_fkey" FOREIGN KEY ("instanceId") REFERENCES "Instance" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "VolumeSnapshot" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "volumeId" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "sizeGb" INTEGER NOT NULL,
    "status" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL,
    "updatedAt" DATETIME NOT NULL,
    "deletedAt" DATETIME,
    CONSTRAINT "VolumeSnapshot_volumeId_fkey" FOREIGN KEY ("volumeId") REFERENCES "Volume" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

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
    "thinProvisioningRatio" TEXT NOT NULL DEFAULT '3.0',
    "capacityWeightMultiplier" REAL NOT NULL DEFAULT 1,
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_CloudSettings" ("cpuAllocationRatio", "cpuWeightMultiplier", "diskAllocationRatio", "diskWeightMultiplier", "hcsHostGroupPreference", "hostSubsetSize", "id", "isolatedAggregateFiltering", "maxAttempts", "powerSyncSeconds", "ramAllocationRatio", "ramWeightMultiplier", "reservedHostCpus", "reservedHostDiskMb", "reservedHostMemoryMb", "resizeConfirmWindowSeconds", "updatedAt") SELECT "cpuAllocationRatio", "cpuWeightMultiplier", "diskAllocationRatio", "diskWeightMultiplier", "hcsHostGroupPreference", "hostSubsetSize", "id", "isolatedAggregateFiltering", "maxAttempts", "powerSyncSeconds", "ramAllocationRatio", "ramWeightMultiplier", "reservedHostCpus", "reservedHostDiskMb", "reservedHostMemoryMb", "resizeConfirmWindowSeconds", "updatedAt" FROM "CloudSettings";
DROP TABLE "CloudSettings";
ALTER TABLE "new_CloudSettings" RENAME TO "CloudSettings";
CREATE TABLE "new_StorageArray" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "model" TEXT NOT NULL,
    "serialNo" TEXT NOT NULL,
    "firmware" TEXT NOT NULL,
    "managementIp" TEXT NOT NULL
);
-- The arrays and pools were seeded pictures: they are not carried over, the seed builds the new model (edited by hand).
DROP TABLE "StorageArray";
ALTER TABLE "new_StorageArray" RENAME TO "StorageArray";
CREATE UNIQUE INDEX "StorageArray_name_key" ON "StorageArray"("name");
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
    "lastHeartbeatAt" DATETIME,
    "updatedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "StoragePool_arrayId_fkey" FOREIGN KEY ("arrayId") REFERENCES "StorageArray" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "StoragePool_raidGroupId_fkey" FOREIGN KEY ("raidGroupId") REFERENCES "RaidGroup" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "StoragePool_azId_fkey" FOREIGN KEY ("azId") REFERENCES "AvailabilityZone" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

DROP TABLE "StoragePool";
ALTER TABLE "new_StoragePool" RENAME TO "StoragePool";
CREATE UNIQUE INDEX "StoragePool_name_key" ON "StoragePool"("name");
CREATE INDEX "StoragePool_azId_idx" ON "StoragePool"("azId");
CREATE INDEX "StoragePool_updatedAt_idx" ON "StoragePool"("updatedAt");
CREATE TABLE "new_Task" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "type" TEXT NOT NULL,
    "instanceId" TEXT,
    "volumeId" TEXT,
    "status" TEXT NOT NULL,
    "stepIndex" INTEGER NOT NULL DEFAULT 0,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "ownerId" TEXT,
    "version" INTEGER NOT NULL DEFAULT 0,
    "dueAt" DATETIME NOT NULL,
    "payload" JSONB NOT NULL,
    "timeline" JSONB NOT NULL,
    "error" TEXT,
    "requestedBy" TEXT,
    "createdAt" DATETIME NOT NULL,
    "updatedAt" DATETIME NOT NULL,
    "finishedAt" DATETIME,
    CONSTRAINT "Task_instanceId_fkey" FOREIGN KEY ("instanceId") REFERENCES "Instance" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Task_volumeId_fkey" FOREIGN KEY ("volumeId") REFERENCES "Volume" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Task" ("attempts", "createdAt", "dueAt", "error", "finishedAt", "id", "instanceId", "ownerId", "payload", "requestedBy", "status", "stepIndex", "timeline", "type", "updatedAt", "version") SELECT "attempts", "createdAt", "dueAt", "error", "finishedAt", "id", "instanceId", "ownerId", "payload", "requestedBy", "status", "stepIndex", "timeline", "type", "updatedAt", "version" FROM "Task";
DROP TABLE "Task";
ALTER TABLE "new_Task" RENAME TO "Task";
CREATE INDEX "Task_status_dueAt_idx" ON "Task"("status", "dueAt");
CREATE INDEX "Task_instanceId_idx" ON "Task"("instanceId");
CREATE INDEX "Task_volumeId_idx" ON "Task"("volumeId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE UNIQUE INDEX "ArrayController_arrayId_name_key" ON "ArrayController"("arrayId", "name");

-- CreateIndex
CREATE UNIQUE INDEX "ArrayEnclosure_arrayId_name_key" ON "ArrayEnclosure"("arrayId", "name");

-- CreateIndex
CREATE INDEX "ArrayDisk_raidGroupId_idx" ON "ArrayDisk"("raidGroupId");

-- CreateIndex
CREATE UNIQUE INDEX "ArrayDisk_enclosureId_slot_key" ON "ArrayDisk"("enclosureId", "slot");

-- CreateIndex
CREATE UNIQUE INDEX "RaidGroup_arrayId_name_key" ON "RaidGroup"("arrayId", "name");

-- CreateIndex
CREATE UNIQUE INDEX "VolumeType_name_key" ON "VolumeType"("name");

-- CreateIndex
CREATE INDEX "Volume_projectId_deletedAt_createdAt_idx" ON "Volume"("projectId", "deletedAt", "createdAt" DESC);

-- CreateIndex
CREATE INDEX "Volume_deletedAt_createdAt_idx" ON "Volume"("deletedAt", "createdAt" DESC);

-- CreateIndex
CREATE INDEX "Volume_poolId_idx" ON "Volume"("poolId");

-- CreateIndex
CREATE INDEX "VolumeAttachment_volumeId_idx" ON "VolumeAttachment"("volumeId");

-- CreateIndex
CREATE UNIQUE INDEX "VolumeAttachment_instanceId_device_key" ON "VolumeAttachment"("instanceId", "device");

-- CreateIndex
CREATE INDEX "VolumeSnapshot_volumeId_idx" ON "VolumeSnapshot"("volumeId");

