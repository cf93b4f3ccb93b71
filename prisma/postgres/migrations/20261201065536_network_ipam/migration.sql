-- CreateTable
CREATE TABLE "Vpc" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "cidr" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "deletedAt" TIMESTAMP(3),

    CONSTRAINT "Vpc_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Subnet" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "vpcId" TEXT NOT NULL,
    "ipVersion" INTEGER NOT NULL,
    "cidr" TEXT NOT NULL,
    "gatewayIp" TEXT,
    "enableDhcp" BOOLEAN NOT NULL DEFAULT true,
    "pools" JSONB NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Subnet_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "IpAvailability" (
    "id" TEXT NOT NULL,
    "subnetId" TEXT NOT NULL,
    "first" TEXT NOT NULL,
    "last" TEXT NOT NULL,

    CONSTRAINT "IpAvailability_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "IpAllocation" (
    "subnetId" TEXT NOT NULL,
    "address" TEXT NOT NULL,
    "portId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "IpAllocation_pkey" PRIMARY KEY ("subnetId","address")
);

-- CreateTable
CREATE TABLE "Port" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL DEFAULT '',
    "projectId" TEXT NOT NULL,
    "vpcId" TEXT NOT NULL,
    "macAddress" TEXT NOT NULL,
    "deviceId" TEXT,
    "deviceOwner" TEXT,
    "status" TEXT NOT NULL DEFAULT 'DOWN',
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Port_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Vpc_projectId_deletedAt_idx" ON "Vpc"("projectId", "deletedAt");

-- CreateIndex
CREATE INDEX "Subnet_vpcId_idx" ON "Subnet"("vpcId");

-- CreateIndex
CREATE UNIQUE INDEX "IpAvailability_subnetId_first_key" ON "IpAvailability"("subnetId", "first");

-- CreateIndex
CREATE INDEX "IpAllocation_portId_idx" ON "IpAllocation"("portId");

-- CreateIndex
CREATE UNIQUE INDEX "Port_macAddress_key" ON "Port"("macAddress");

-- CreateIndex
CREATE INDEX "Port_vpcId_idx" ON "Port"("vpcId");

-- CreateIndex
CREATE INDEX "Port_deviceId_idx" ON "Port"("deviceId");

-- AddForeignKey
ALTER TABLE "Vpc" ADD CONSTRAINT "Vpc_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Subnet" ADD CONSTRAINT "Subnet_vpcId_fkey" FOREIGN KEY ("vpcId") REFERENCES "Vpc"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IpAvailability" ADD CONSTRAINT "IpAvailability_subnetId_fkey" FOREIGN KEY ("subnetId") REFERENCES "Subnet"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IpAllocation" ADD CONSTRAINT "IpAllocation_subnetId_fkey" FOREIGN KEY ("subnetId") REFERENCES "Subnet"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IpAllocation" ADD CONSTRAINT "IpAllocation_portId_fkey" FOREIGN KEY ("portId") REFERENCES "Port"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Port" ADD CONSTRAINT "Port_vpcId_fkey" FOREIGN KEY ("vpcId") REFERENCES "Vpc"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

