-- AlterTable
ALTER TABLE "Image" ADD COLUMN "ownerProjectId" TEXT;
ALTER TABLE "Image" ADD COLUMN "sourceInstanceId" TEXT;

-- CreateTable
CREATE TABLE "Migration" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "instanceId" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "sourceHostId" TEXT NOT NULL,
    "destHostId" TEXT NOT NULL,
    "oldFlavorId" TEXT NOT NULL,
    "newFlavorId" TEXT NOT NULL,
    "oldVcpus" INTEGER NOT NULL,
    "oldMemoryMb" INTEGER NOT NULL,
    "oldDiskGb" INTEGER NOT NULL,
    "oldHugePagesMb" INTEGER NOT NULL,
    "newVcpus" INTEGER NOT NULL,
    "newMemoryMb" INTEGER NOT NULL,
    "newDiskGb" INTEGER NOT NULL,
    "newHugePagesMb" INTEGER NOT NULL,
    "priorVmState" TEXT NOT NULL,
    "requestedBy" TEXT,
    "createdAt" DATETIME NOT NULL,
    "updatedAt" DATETIME NOT NULL,
    "finishedAt" DATETIME,
    CONSTRAINT "Migration_instanceId_fkey" FOREIGN KEY ("instanceId") REFERENCES "Instance" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ServerGroup" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "policy" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 0
);

-- CreateTable
CREATE TABLE "ServerGroupMember" (
    "serverGroupId" TEXT NOT NULL,
    "instanceId" TEXT NOT NULL,

    PRIMARY KEY ("serverGroupId", "instanceId"),
    CONSTRAINT "ServerGroupMember_serverGroupId_fkey" FOREIGN KEY ("serverGroupId") REFERENCES "ServerGroup" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ServerGroupMember_instanceId_fkey" FOREIGN KEY ("instanceId") REFERENCES "Instance" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_CloudSettings" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT DEFAULT 1,
    "cpuAllocationRatio" REAL NOT NULL DEFAULT 16,
    "ramAllocationRatio" REAL NOT NULL DEFAULT 1.5,
    "diskAllocationRatio" REAL NOT NULL DEFAULT 1,
    "reservedHostMemoryMb" INTEGER NOT NULL DEFAULT 512,
    "reservedHostDiskMb" INTEGER NOT NULL DEFAULT 0,
    "hostSubsetSize" INTEGER NOT NULL DEFAULT 1,
    "ramWeightMultiplier" REAL NOT NULL DEFAULT 1,
    "cpuWeightMultiplier" REAL NOT NULL DEFAULT 0,
    "diskWeightMultiplier" REAL NOT NULL DEFAULT 0,
    "maxAttempts" INTEGER NOT NULL DEFAULT 3,
    "powerSyncSeconds" INTEGER NOT NULL DEFAULT 600,
    "resizeConfirmWindowSeconds" INTEGER NOT NULL DEFAULT 86400,
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_CloudSettings" ("cpuAllocationRatio", "cpuWeightMultiplier", "diskAllocationRatio", "diskWeightMultiplier", "hostSubsetSize", "id", "maxAttempts", "powerSyncSeconds", "ramAllocationRatio", "ramWeightMultiplier", "reservedHostDiskMb", "reservedHostMemoryMb", "updatedAt") SELECT "cpuAllocationRatio", "cpuWeightMultiplier", "diskAllocationRatio", "diskWeightMultiplier", "hostSubsetSize", "id", "maxAttempts", "powerSyncSeconds", "ramAllocationRatio", "ramWeightMultiplier", "reservedHostDiskMb", "reservedHostMemoryMb", "updatedAt" FROM "CloudSettings";
DROP TABLE "CloudSettings";
ALTER TABLE "new_CloudSettings" RENAME TO "CloudSettings";
CREATE TABLE "new_Instance" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "azId" TEXT NOT NULL,
    "hostId" TEXT,
    "flavorId" TEXT NOT NULL,
    "imageId" TEXT NOT NULL,
    "vcpus" INTEGER NOT NULL,
    "memoryMb" INTEGER NOT NULL,
    "rootGb" INTEGER NOT NULL,
    "ephemeralGb" INTEGER NOT NULL DEFAULT 0,
    "swapMb" INTEGER NOT NULL DEFAULT 0,
    "hugePagesMb" INTEGER NOT NULL DEFAULT 0,
    "allocated" BOOLEAN NOT NULL DEFAULT false,
    "locked" BOOLEAN NOT NULL DEFAULT false,
    "lockedBy" TEXT,
    "guestPowerState" TEXT,
    "vmState" TEXT NOT NULL,
    "taskState" TEXT,
    "powerState" TEXT NOT NULL,
    "fault" JSONB,
    "ipAddress" TEXT,
    "macAddress" TEXT,
    "createdAt" DATETIME NOT NULL,
    "launchedAt" DATETIME,
    "updatedAt" DATETIME NOT NULL,
    "deletedAt" DATETIME,
    CONSTRAINT "Instance_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Instance_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Instance_azId_fkey" FOREIGN KEY ("azId") REFERENCES "AvailabilityZone" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Instance_hostId_fkey" FOREIGN KEY ("hostId") REFERENCES "Host" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Instance_flavorId_fkey" FOREIGN KEY ("flavorId") REFERENCES "Flavor" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Instance_imageId_fkey" FOREIGN KEY ("imageId") REFERENCES "Image" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_Instance" ("allocated", "azId", "createdAt", "deletedAt", "fault", "flavorId", "guestPowerState", "hostId", "hugePagesMb", "id", "imageId", "ipAddress", "launchedAt", "locked", "lockedBy", "macAddress", "memoryMb", "name", "powerState", "projectId", "rootGb", "taskState", "updatedAt", "userId", "vcpus", "vmState") SELECT "allocated", "azId", "createdAt", "deletedAt", "fault", "flavorId", "guestPowerState", "hostId", "hugePagesMb", "id", "imageId", "ipAddress", "launchedAt", "locked", "lockedBy", "macAddress", "memoryMb", "name", "powerState", "projectId", "rootGb", "taskState", "updatedAt", "userId", "vcpus", "vmState" FROM "Instance";
DROP TABLE "Instance";
ALTER TABLE "new_Instance" RENAME TO "Instance";
CREATE INDEX "Instance_projectId_deletedAt_idx" ON "Instance"("projectId", "deletedAt");
CREATE INDEX "Instance_hostId_idx" ON "Instance"("hostId");
CREATE UNIQUE INDEX "Instance_projectId_ipAddress_key" ON "Instance"("projectId", "ipAddress");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "Migration_instanceId_idx" ON "Migration"("instanceId");

-- CreateIndex
CREATE INDEX "Migration_status_finishedAt_idx" ON "Migration"("status", "finishedAt");

-- CreateIndex
CREATE UNIQUE INDEX "ServerGroup_projectId_name_key" ON "ServerGroup"("projectId", "name");

-- CreateIndex
CREATE UNIQUE INDEX "ServerGroupMember_instanceId_key" ON "ServerGroupMember"("instanceId");

