-- CreateTable
CREATE TABLE "DeviceComponent" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "deviceId" TEXT NOT NULL,
    "deviceKind" TEXT NOT NULL,
    "slot" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "model" TEXT NOT NULL,
    "serialNo" TEXT NOT NULL,
    "firmware" TEXT,
    "capacity" REAL,
    "redundancyGroup" TEXT,
    "uplink" BOOLEAN NOT NULL DEFAULT false,
    "health" TEXT NOT NULL DEFAULT 'normal',
    "peerId" TEXT
);

-- CreateTable
CREATE TABLE "NetworkSwitch" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "azId" TEXT NOT NULL,
    "model" TEXT NOT NULL,
    "serialNo" TEXT NOT NULL,
    "managementIp" TEXT NOT NULL,
    "firmware" TEXT NOT NULL
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
    "networkLost" BOOLEAN NOT NULL DEFAULT false,
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
INSERT INTO "new_Host" ("architecture", "azId", "cpuAllocationRatio", "cpuInfo", "cpuModel", "disabledReason", "diskAllocationRatio", "diskGbUsed", "enabled", "hugePageMemoryMb", "hugePagesUsedMb", "hypervisorType", "hypervisorVersion", "id", "instanceCount", "ip", "lastHeartbeatAt", "localDiskGb", "memoryMb", "memoryMbUsed", "model", "name", "ramAllocationRatio", "reservedMemoryMb", "reservedVcpus", "serialNo", "serviceRunning", "traits", "updatedAt", "vcpus", "vcpusUsed") SELECT "architecture", "azId", "cpuAllocationRatio", "cpuInfo", "cpuModel", "disabledReason", "diskAllocationRatio", "diskGbUsed", "enabled", "hugePageMemoryMb", "hugePagesUsedMb", "hypervisorType", "hypervisorVersion", "id", "instanceCount", "ip", "lastHeartbeatAt", "localDiskGb", "memoryMb", "memoryMbUsed", "model", "name", "ramAllocationRatio", "reservedMemoryMb", "reservedVcpus", "serialNo", "serviceRunning", "traits", "updatedAt", "vcpus", "vcpusUsed" FROM "Host";
DROP TABLE "Host";
ALTER TABLE "new_Host" RENAME TO "Host";
CREATE UNIQUE INDEX "Host_name_key" ON "Host"("name");
CREATE INDEX "Host_azId_idx" ON "Host"("azId");
CREATE INDEX "Host_updatedAt_idx" ON "Host"("updatedAt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "DeviceComponent_health_idx" ON "DeviceComponent"("health");

-- CreateIndex
CREATE INDEX "DeviceComponent_peerId_idx" ON "DeviceComponent"("peerId");

-- CreateIndex
CREATE UNIQUE INDEX "DeviceComponent_deviceId_slot_key" ON "DeviceComponent"("deviceId", "slot");

-- CreateIndex
CREATE UNIQUE INDEX "NetworkSwitch_name_key" ON "NetworkSwitch"("name");

