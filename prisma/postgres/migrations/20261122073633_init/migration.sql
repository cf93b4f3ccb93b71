-- CreateTable
CREATE TABLE "Region" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "isDefault" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "Region_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AvailabilityZone" (
    "id" TEXT NOT NULL,
    "regionId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',

    CONSTRAINT "AvailabilityZone_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Vdc" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "parentId" TEXT,
    "level" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Vdc_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Project" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "vdcId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Project_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "User" (
    "id" TEXT NOT NULL,
    "username" TEXT NOT NULL,
    "displayName" TEXT NOT NULL,
    "email" TEXT NOT NULL DEFAULT '',
    "passwordHash" TEXT NOT NULL,
    "vdcId" TEXT,
    "projectId" TEXT,
    "disabled" BOOLEAN NOT NULL DEFAULT false,
    "failedLogins" INTEGER NOT NULL DEFAULT 0,
    "lockedUntil" TIMESTAMP(3),
    "lastLoginAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "User_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RoleAssignment" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "vdcId" TEXT,
    "projectId" TEXT,

    CONSTRAINT "RoleAssignment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CloudClock" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "simAnchor" TIMESTAMP(3) NOT NULL,
    "wallAnchor" TIMESTAMP(3) NOT NULL,
    "speed" DOUBLE PRECISION NOT NULL DEFAULT 1,

    CONSTRAINT "CloudClock_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CloudSettings" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "cpuAllocationRatio" DOUBLE PRECISION NOT NULL DEFAULT 16,
    "ramAllocationRatio" DOUBLE PRECISION NOT NULL DEFAULT 1.5,
    "diskAllocationRatio" DOUBLE PRECISION NOT NULL DEFAULT 1,
    "reservedHostMemoryMb" INTEGER NOT NULL DEFAULT 512,
    "reservedHostDiskMb" INTEGER NOT NULL DEFAULT 0,
    "hostSubsetSize" INTEGER NOT NULL DEFAULT 1,
    "ramWeightMultiplier" DOUBLE PRECISION NOT NULL DEFAULT 1,
    "cpuWeightMultiplier" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "diskWeightMultiplier" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "maxAttempts" INTEGER NOT NULL DEFAULT 3,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CloudSettings_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DeployNode" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "haRole" TEXT NOT NULL,
    "ip" TEXT NOT NULL,
    "services" TEXT NOT NULL,
    "healthy" BOOLEAN NOT NULL DEFAULT true,
    "serialNo" TEXT NOT NULL,
    "model" TEXT NOT NULL,

    CONSTRAINT "DeployNode_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Host" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "azId" TEXT NOT NULL,
    "ip" TEXT NOT NULL,
    "cpuModel" TEXT NOT NULL,
    "architecture" TEXT NOT NULL,
    "hypervisorType" TEXT NOT NULL,
    "vcpus" INTEGER NOT NULL,
    "memoryMb" INTEGER NOT NULL,
    "localDiskGb" INTEGER NOT NULL,
    "hugePageMemoryMb" INTEGER NOT NULL DEFAULT 0,
    "reservedMemoryMb" INTEGER,
    "cpuAllocationRatio" DOUBLE PRECISION,
    "ramAllocationRatio" DOUBLE PRECISION,
    "diskAllocationRatio" DOUBLE PRECISION,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "disabledReason" TEXT,
    "serviceRunning" BOOLEAN NOT NULL DEFAULT true,
    "lastHeartbeatAt" TIMESTAMP(3),
    "vcpusUsed" INTEGER NOT NULL DEFAULT 0,
    "memoryMbUsed" INTEGER NOT NULL DEFAULT 0,
    "diskGbUsed" INTEGER NOT NULL DEFAULT 0,
    "hugePagesUsedMb" INTEGER NOT NULL DEFAULT 0,
    "instanceCount" INTEGER NOT NULL DEFAULT 0,
    "serialNo" TEXT NOT NULL,
    "model" TEXT NOT NULL,

    CONSTRAINT "Host_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "HostGroup" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "azId" TEXT NOT NULL,
    "metadata" JSONB NOT NULL,

    CONSTRAINT "HostGroup_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "HostGroupMember" (
    "hostGroupId" TEXT NOT NULL,
    "hostId" TEXT NOT NULL,

    CONSTRAINT "HostGroupMember_pkey" PRIMARY KEY ("hostGroupId","hostId")
);

-- CreateTable
CREATE TABLE "StorageArray" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "model" TEXT NOT NULL,
    "serialNo" TEXT NOT NULL,
    "raidLevel" TEXT NOT NULL,
    "diskCount" INTEGER NOT NULL,
    "healthy" BOOLEAN NOT NULL DEFAULT true,

    CONSTRAINT "StorageArray_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "StoragePool" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "arrayId" TEXT NOT NULL,
    "azId" TEXT NOT NULL,
    "diskType" TEXT NOT NULL,
    "totalGb" INTEGER NOT NULL,
    "usedGb" INTEGER NOT NULL DEFAULT 0,
    "provisionedGb" INTEGER NOT NULL DEFAULT 0,
    "supportsThin" BOOLEAN NOT NULL DEFAULT true,
    "thinRatio" DOUBLE PRECISION NOT NULL DEFAULT 3,

    CONSTRAINT "StoragePool_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ExternalNetwork" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "cidr" TEXT NOT NULL,
    "gateway" TEXT NOT NULL,
    "poolStart" TEXT NOT NULL,
    "poolEnd" TEXT NOT NULL,
    "vlanId" INTEGER,
    "regionId" TEXT NOT NULL,

    CONSTRAINT "ExternalNetwork_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Flavor" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "category" TEXT NOT NULL,
    "vcpus" INTEGER NOT NULL,
    "ramMb" INTEGER NOT NULL,
    "diskGb" INTEGER NOT NULL,
    "ephemeralGb" INTEGER NOT NULL DEFAULT 0,
    "swapMb" INTEGER NOT NULL DEFAULT 0,
    "isPublic" BOOLEAN NOT NULL DEFAULT true,
    "extraSpecs" JSONB NOT NULL,
    "deletedAt" TIMESTAMP(3),

    CONSTRAINT "Flavor_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Image" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "diskFormat" TEXT NOT NULL,
    "minDiskGb" INTEGER NOT NULL DEFAULT 0,
    "minRamMb" INTEGER NOT NULL DEFAULT 0,
    "architecture" TEXT NOT NULL,
    "hypervisorType" TEXT,
    "osType" TEXT NOT NULL,
    "osVersion" TEXT NOT NULL,
    "visibility" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'active',
    "sizeMb" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Image_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Instance" (
    "id" TEXT NOT NULL,
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
    "hugePagesMb" INTEGER NOT NULL DEFAULT 0,
    "allocated" BOOLEAN NOT NULL DEFAULT false,
    "vmState" TEXT NOT NULL,
    "taskState" TEXT,
    "powerState" TEXT NOT NULL,
    "fault" JSONB,
    "ipAddress" TEXT,
    "macAddress" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "launchedAt" TIMESTAMP(3),
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "deletedAt" TIMESTAMP(3),

    CONSTRAINT "Instance_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Task" (
    "id" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "instanceId" TEXT,
    "status" TEXT NOT NULL,
    "stepIndex" INTEGER NOT NULL DEFAULT 0,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "ownerId" TEXT,
    "version" INTEGER NOT NULL DEFAULT 0,
    "dueAt" TIMESTAMP(3) NOT NULL,
    "payload" JSONB NOT NULL,
    "timeline" JSONB NOT NULL,
    "error" TEXT,
    "requestedBy" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "Task_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Runner" (
    "id" TEXT NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL,
    "heartbeatAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Runner_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "AvailabilityZone_name_key" ON "AvailabilityZone"("name");

-- CreateIndex
CREATE UNIQUE INDEX "Vdc_parentId_name_key" ON "Vdc"("parentId", "name");

-- CreateIndex
CREATE UNIQUE INDEX "Project_name_key" ON "Project"("name");

-- CreateIndex
CREATE UNIQUE INDEX "User_username_key" ON "User"("username");

-- CreateIndex
CREATE UNIQUE INDEX "RoleAssignment_userId_role_vdcId_projectId_key" ON "RoleAssignment"("userId", "role", "vdcId", "projectId");

-- CreateIndex
CREATE UNIQUE INDEX "DeployNode_name_key" ON "DeployNode"("name");

-- CreateIndex
CREATE UNIQUE INDEX "Host_name_key" ON "Host"("name");

-- CreateIndex
CREATE INDEX "Host_azId_idx" ON "Host"("azId");

-- CreateIndex
CREATE UNIQUE INDEX "HostGroup_name_key" ON "HostGroup"("name");

-- CreateIndex
CREATE INDEX "HostGroupMember_hostId_idx" ON "HostGroupMember"("hostId");

-- CreateIndex
CREATE UNIQUE INDEX "StorageArray_name_key" ON "StorageArray"("name");

-- CreateIndex
CREATE UNIQUE INDEX "StoragePool_name_key" ON "StoragePool"("name");

-- CreateIndex
CREATE UNIQUE INDEX "ExternalNetwork_name_key" ON "ExternalNetwork"("name");

-- CreateIndex
CREATE UNIQUE INDEX "Flavor_name_key" ON "Flavor"("name");

-- CreateIndex
CREATE UNIQUE INDEX "Image_name_key" ON "Image"("name");

-- CreateIndex
CREATE INDEX "Instance_projectId_deletedAt_idx" ON "Instance"("projectId", "deletedAt");

-- CreateIndex
CREATE INDEX "Instance_hostId_idx" ON "Instance"("hostId");

-- CreateIndex
CREATE UNIQUE INDEX "Instance_projectId_ipAddress_key" ON "Instance"("projectId", "ipAddress");

-- CreateIndex
CREATE INDEX "Task_status_dueAt_idx" ON "Task"("status", "dueAt");

-- CreateIndex
CREATE INDEX "Task_instanceId_idx" ON "Task"("instanceId");

-- AddForeignKey
ALTER TABLE "AvailabilityZone" ADD CONSTRAINT "AvailabilityZone_regionId_fkey" FOREIGN KEY ("regionId") REFERENCES "Region"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Vdc" ADD CONSTRAINT "Vdc_parentId_fkey" FOREIGN KEY ("parentId") REFERENCES "Vdc"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Project" ADD CONSTRAINT "Project_vdcId_fkey" FOREIGN KEY ("vdcId") REFERENCES "Vdc"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "User" ADD CONSTRAINT "User_vdcId_fkey" FOREIGN KEY ("vdcId") REFERENCES "Vdc"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "User" ADD CONSTRAINT "User_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RoleAssignment" ADD CONSTRAINT "RoleAssignment_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RoleAssignment" ADD CONSTRAINT "RoleAssignment_vdcId_fkey" FOREIGN KEY ("vdcId") REFERENCES "Vdc"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RoleAssignment" ADD CONSTRAINT "RoleAssignment_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Host" ADD CONSTRAINT "Host_azId_fkey" FOREIGN KEY ("azId") REFERENCES "AvailabilityZone"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "HostGroup" ADD CONSTRAINT "HostGroup_azId_fkey" FOREIGN KEY ("azId") REFERENCES "AvailabilityZone"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "HostGroupMember" ADD CONSTRAINT "HostGroupMember_hostGroupId_fkey" FOREIGN KEY ("hostGroupId") REFERENCES "HostGroup"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "HostGroupMember" ADD CONSTRAINT "HostGroupMember_hostId_fkey" FOREIGN KEY ("hostId") REFERENCES "Host"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StoragePool" ADD CONSTRAINT "StoragePool_arrayId_fkey" FOREIGN KEY ("arrayId") REFERENCES "StorageArray"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StoragePool" ADD CONSTRAINT "StoragePool_azId_fkey" FOREIGN KEY ("azId") REFERENCES "AvailabilityZone"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Instance" ADD CONSTRAINT "Instance_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Instance" ADD CONSTRAINT "Instance_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Instance" ADD CONSTRAINT "Instance_azId_fkey" FOREIGN KEY ("azId") REFERENCES "AvailabilityZone"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Instance" ADD CONSTRAINT "Instance_hostId_fkey" FOREIGN KEY ("hostId") REFERENCES "Host"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Instance" ADD CONSTRAINT "Instance_flavorId_fkey" FOREIGN KEY ("flavorId") REFERENCES "Flavor"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Instance" ADD CONSTRAINT "Instance_imageId_fkey" FOREIGN KEY ("imageId") REFERENCES "Image"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Task" ADD CONSTRAINT "Task_instanceId_fkey" FOREIGN KEY ("instanceId") REFERENCES "Instance"("id") ON DELETE SET NULL ON UPDATE CASCADE;

