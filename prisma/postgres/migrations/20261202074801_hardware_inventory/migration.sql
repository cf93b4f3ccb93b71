-- AlterTable
ALTER TABLE "Host" ADD COLUMN     "networkLost" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "DeviceComponent" (
    "id" TEXT NOT NULL,
    "deviceId" TEXT NOT NULL,
    "deviceKind" TEXT NOT NULL,
    "slot" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "model" TEXT NOT NULL,
    "serialNo" TEXT NOT NULL,
    "firmware" TEXT,
    "capacity" DOUBLE PRECISION,
    "redundancyGroup" TEXT,
    "uplink" BOOLEAN NOT NULL DEFAULT false,
    "health" TEXT NOT NULL DEFAULT 'normal',
    "peerId" TEXT,

    CONSTRAINT "DeviceComponent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "NetworkSwitch" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "azId" TEXT NOT NULL,
    "model" TEXT NOT NULL,
    "serialNo" TEXT NOT NULL,
    "managementIp" TEXT NOT NULL,
    "firmware" TEXT NOT NULL,

    CONSTRAINT "NetworkSwitch_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "DeviceComponent_health_idx" ON "DeviceComponent"("health");

-- CreateIndex
CREATE INDEX "DeviceComponent_peerId_idx" ON "DeviceComponent"("peerId");

-- CreateIndex
CREATE UNIQUE INDEX "DeviceComponent_deviceId_slot_key" ON "DeviceComponent"("deviceId", "slot");

-- CreateIndex
CREATE UNIQUE INDEX "NetworkSwitch_name_key" ON "NetworkSwitch"("name");

