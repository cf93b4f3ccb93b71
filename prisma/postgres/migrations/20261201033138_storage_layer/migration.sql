-- AlterTable
ALTER TABLE "CloudSettings" ADD COLUMN     "capacityWeightMultiplier" DOUBLE PRECISION NOT NULL DEFAULT 1,
ADD COLUMN     "thinProvisioningRatio" TEXT NOT NULL DEFAULT '3.0';

-- The arrays and pools were seeded pictures: they are not carried over, the seed builds the new model (edited by hand).
DELETE FROM "StoragePool";
DELETE FROM "StorageArray";

-- AlterTable
ALTER TABLE "StorageArray" DROP COLUMN "diskCount",
DROP COLUMN "healthy",
DROP COLUMN "raidLevel",
ADD COLUMN     "firmware" TEXT NOT NULL,
ADD COLUMN     "managementIp" TEXT NOT NULL;

-- AlterTable
ALTER TABLE "StoragePool" DROP COLUMN "provisionedGb",
DROP COLUMN "supportsThin",
DROP COLUMN "thinRatio",
DROP COLUMN "usedGb",
ADD COLUMN     "allocatedGb" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "backendName" TEXT NOT NULL,
ADD COLUMN     "capabilities" JSONB NOT NULL,
ADD COLUMN     "disabledReason" TEXT,
ADD COLUMN     "enabled" BOOLEAN NOT NULL DEFAULT true,
ADD COLUMN     "lastHeartbeatAt" TIMESTAMP(3),
ADD COLUMN     "protocol" TEXT NOT NULL,
ADD COLUMN     "raidGroupId" TEXT NOT NULL,
ADD COLUMN     "ratioOverride" TEXT,
ADD COLUMN     "reservedPercentage" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "serviceRunning" BOOLEAN NOT NULL DEFAULT true,
ADD COLUMN     "thickSupport" BOOLEAN NOT NULL DEFAULT true,
ADD COLUMN     "thinSupport" BOOLEAN NOT NULL DEFAULT true,
ADD COLUMN     "tier" TEXT NOT NULL,
ADD COLUMN     "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
ADD COLUMN     "writtenGb" DOUBLE PRECISION NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "Task" ADD COLUMN     "volumeId" TEXT;

-- CreateTable
CREATE TABLE "ServiceReport" (
    "service" TEXT NOT NULL,
    "reportedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ServiceReport_pkey" PRIMARY KEY ("service")
);

-- The compute services' report moves into the per-service table (edited by hand).
INSERT INTO "ServiceReport" ("service", "reportedAt") SELECT 'compute', "reportedAt" FROM "ComputeReport";

-- DropTable
DROP TABLE "ComputeReport";

-- CreateTable
CREATE TABLE "ArrayController" (
    "id" TEXT NOT NULL,
    "arrayId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "health" TEXT NOT NULL DEFAULT 'normal',
    "cacheGb" INTEGER NOT NULL,

    CONSTRAINT "ArrayController_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ArrayEnclosure" (
    "id" TEXT NOT NULL,
    "arrayId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "slots" INTEGER NOT NULL,
    "cascadePort" TEXT,

    CONSTRAINT "ArrayEnclosure_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ArrayDisk" (
    "id" TEXT NOT NULL,
    "arrayId" TEXT NOT NULL,
    "enclosureId" TEXT NOT NULL,
    "slot" INTEGER NOT NULL,
    "type" TEXT NOT NULL,
    "sizeGb" INTEGER NOT NULL,
    "serialNo" TEXT NOT NULL,
    "health" TEXT NOT NULL DEFAULT 'normal',
    "raidGroupId" TEXT,

    CONSTRAINT "ArrayDisk_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RaidGroup" (
    "id" TEXT NOT NULL,
    "arrayId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "level" TEXT NOT NULL,
    "dataColumns" INTEGER,
    "parityColumns" INTEGER,
    "hotSpareDisks" INTEGER NOT NULL DEFAULT 0,
    "usableGb" INTEGER NOT NULL,

    CONSTRAINT "RaidGroup_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "VolumeType" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "isPublic" BOOLEAN NOT NULL DEFAULT true,
    "extraSpecs" JSONB NOT NULL,
    "qosIops" INTEGER,
    "qosMbps" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "deletedAt" TIMESTAMP(3),

    CONSTRAINT "VolumeType_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "VolumeTypeAccess" (
    "volumeTypeId" TEXT NOT NULL,
    "vdcId" TEXT NOT NULL,

    CONSTRAINT "VolumeTypeAccess_pkey" PRIMARY KEY ("volumeTypeId","vdcId")
);

-- CreateTable
CREATE TABLE "Volume" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "projectId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "azId" TEXT NOT NULL,
    "volumeTypeId" TEXT NOT NULL,
    "poolId" TEXT,
    "sizeGb" INTEGER NOT NULL,
    "thin" BOOLEAN NOT NULL,
    "writtenGb" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "status" TEXT NOT NULL,
    "bootable" BOOLEAN NOT NULL DEFAULT false,
    "sourceImageId" TEXT,
    "sourceSnapshotId" TEXT,
    "allocated" BOOLEAN NOT NULL DEFAULT false,
    "fault" JSONB,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "deletedAt" TIMESTAMP(3),

    CONSTRAINT "Volume_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "VolumeAttachment" (
    "id" TEXT NOT NULL,
    "volumeId" TEXT NOT NULL,
    "instanceId" TEXT NOT NULL,
    "device" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "deleteOnTermination" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "VolumeAttachment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "VolumeSnapshot" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "volumeId" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "sizeGb" INTEGER NOT NULL,
    "status" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "deletedAt" TIMESTAMP(3),

    CONSTRAINT "VolumeSnapshot_pkey" PRIMARY KEY ("id")
);

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

-- CreateIndex
CREATE INDEX "StoragePool_azId_idx" ON "StoragePool"("azId");

-- CreateIndex
CREATE INDEX "StoragePool_updatedAt_idx" ON "StoragePool"("updatedAt");

-- CreateIndex
CREATE INDEX "Task_volumeId_idx" ON "Task"("volumeId");

-- AddForeignKey
ALTER TABLE "ArrayController" ADD CONSTRAINT "ArrayController_arrayId_fkey" FOREIGN KEY ("arrayId") REFERENCES "StorageArray"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ArrayEnclosure" ADD CONSTRAINT "ArrayEnclosure_arrayId_fkey" FOREIGN KEY ("arrayId") REFERENCES "StorageArray"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ArrayDisk" ADD CONSTRAINT "ArrayDisk_arrayId_fkey" FOREIGN KEY ("arrayId") REFERENCES "StorageArray"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ArrayDisk" ADD CONSTRAINT "ArrayDisk_enclosureId_fkey" FOREIGN KEY ("enclosureId") REFERENCES "ArrayEnclosure"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ArrayDisk" ADD CONSTRAINT "ArrayDisk_raidGroupId_fkey" FOREIGN KEY ("raidGroupId") REFERENCES "RaidGroup"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RaidGroup" ADD CONSTRAINT "RaidGroup_arrayId_fkey" FOREIGN KEY ("arrayId") REFERENCES "StorageArray"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StoragePool" ADD CONSTRAINT "StoragePool_raidGroupId_fkey" FOREIGN KEY ("raidGroupId") REFERENCES "RaidGroup"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "VolumeTypeAccess" ADD CONSTRAINT "VolumeTypeAccess_volumeTypeId_fkey" FOREIGN KEY ("volumeTypeId") REFERENCES "VolumeType"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Volume" ADD CONSTRAINT "Volume_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Volume" ADD CONSTRAINT "Volume_azId_fkey" FOREIGN KEY ("azId") REFERENCES "AvailabilityZone"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Volume" ADD CONSTRAINT "Volume_volumeTypeId_fkey" FOREIGN KEY ("volumeTypeId") REFERENCES "VolumeType"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Volume" ADD CONSTRAINT "Volume_poolId_fkey" FOREIGN KEY ("poolId") REFERENCES "StoragePool"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "VolumeAttachment" ADD CONSTRAINT "VolumeAttachment_volumeId_fkey" FOREIGN KEY ("volumeId") REFERENCES "Volume"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "VolumeAttachment" ADD CONSTRAINT "VolumeAttachment_instanceId_fkey" FOREIGN KEY ("instanceId") REFERENCES "Instance"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "VolumeSnapshot" ADD CONSTRAINT "VolumeSnapshot_volumeId_fkey" FOREIGN KEY ("volumeId") REFERENCES "Volume"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Task" ADD CONSTRAINT "Task_volumeId_fkey" FOREIGN KEY ("volumeId") REFERENCES "Volume"("id") ON DELETE SET NULL ON UPDATE CASCADE;

