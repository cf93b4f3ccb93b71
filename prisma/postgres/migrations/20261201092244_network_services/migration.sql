-- DropForeignKey
ALTER TABLE "Subnet" DROP CONSTRAINT "Subnet_vpcId_fkey";

-- DropForeignKey
ALTER TABLE "Port" DROP CONSTRAINT "Port_vpcId_fkey";

-- DropIndex
DROP INDEX "Instance_projectId_ipAddress_key";

-- DropIndex
DROP INDEX "Vpc_projectId_deletedAt_idx";

-- AlterTable
ALTER TABLE "CloudSettings" ADD COLUMN     "vniRanges" TEXT NOT NULL DEFAULT '5001:9000';

-- AlterTable
ALTER TABLE "ExternalNetwork" ADD COLUMN     "physicalNetwork" TEXT NOT NULL DEFAULT 'physnet1';

-- AlterTable
ALTER TABLE "Vpc" DROP COLUMN "deletedAt",
ADD COLUMN     "defaultFor" TEXT,
ADD COLUMN     "description" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "status" TEXT NOT NULL DEFAULT 'ACTIVE',
ADD COLUMN     "vni" INTEGER NOT NULL;

-- AlterTable
ALTER TABLE "Subnet" ADD COLUMN     "dnsServers" JSONB NOT NULL DEFAULT '[]',
ADD COLUMN     "externalNetworkId" TEXT,
ADD COLUMN     "hostRoutes" JSONB NOT NULL DEFAULT '[]',
ALTER COLUMN "vpcId" DROP NOT NULL;

-- AlterTable
ALTER TABLE "Port" ADD COLUMN     "adminStateUp" BOOLEAN NOT NULL DEFAULT true,
ADD COLUMN     "externalNetworkId" TEXT,
ALTER COLUMN "vpcId" DROP NOT NULL;

-- CreateTable
CREATE TABLE "Router" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "vpcId" TEXT NOT NULL,
    "gatewayNetworkId" TEXT,
    "enableSnat" BOOLEAN NOT NULL DEFAULT true,
    "status" TEXT NOT NULL DEFAULT 'ACTIVE',
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Router_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SegmentAllocation" (
    "kind" TEXT NOT NULL,
    "physnet" TEXT NOT NULL DEFAULT '',
    "segmentId" INTEGER NOT NULL,
    "allocated" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "SegmentAllocation_pkey" PRIMARY KEY ("kind","physnet","segmentId")
);

-- CreateTable
CREATE TABLE "SecurityGroup" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "projectId" TEXT NOT NULL,
    "defaultFor" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SecurityGroup_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SecurityGroupRule" (
    "id" TEXT NOT NULL,
    "securityGroupId" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "direction" TEXT NOT NULL,
    "ethertype" TEXT NOT NULL,
    "protocol" TEXT,
    "portRangeMin" INTEGER,
    "portRangeMax" INTEGER,
    "remoteIpPrefix" TEXT,
    "remoteGroupId" TEXT,
    "description" TEXT NOT NULL DEFAULT '',
    "ruleKey" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SecurityGroupRule_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PortSecurityGroup" (
    "portId" TEXT NOT NULL,
    "securityGroupId" TEXT NOT NULL,

    CONSTRAINT "PortSecurityGroup_pkey" PRIMARY KEY ("portId","securityGroupId")
);

-- CreateTable
CREATE TABLE "Eip" (
    "id" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "externalNetworkId" TEXT NOT NULL,
    "address" TEXT NOT NULL,
    "portId" TEXT NOT NULL,
    "fixedPortId" TEXT,
    "fixedIp" TEXT,
    "routerId" TEXT,
    "bandwidthMbit" INTEGER NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'DOWN',
    "createdAt" TIMESTAMP(3) NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Eip_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "NetworkAgent" (
    "id" TEXT NOT NULL,
    "agentType" TEXT NOT NULL,
    "binary" TEXT NOT NULL,
    "host" TEXT NOT NULL,
    "alive" BOOLEAN NOT NULL DEFAULT true,
    "adminStateUp" BOOLEAN NOT NULL DEFAULT true,
    "haState" TEXT,
    "heartbeatAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "NetworkAgent_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Router_vpcId_key" ON "Router"("vpcId");

-- CreateIndex
CREATE INDEX "SegmentAllocation_kind_allocated_idx" ON "SegmentAllocation"("kind", "allocated");

-- CreateIndex
CREATE UNIQUE INDEX "SecurityGroup_defaultFor_key" ON "SecurityGroup"("defaultFor");

-- CreateIndex
CREATE INDEX "SecurityGroup_projectId_idx" ON "SecurityGroup"("projectId");

-- CreateIndex
CREATE INDEX "SecurityGroupRule_remoteGroupId_idx" ON "SecurityGroupRule"("remoteGroupId");

-- CreateIndex
CREATE UNIQUE INDEX "SecurityGroupRule_securityGroupId_ruleKey_key" ON "SecurityGroupRule"("securityGroupId", "ruleKey");

-- CreateIndex
CREATE INDEX "PortSecurityGroup_securityGroupId_idx" ON "PortSecurityGroup"("securityGroupId");

-- CreateIndex
CREATE UNIQUE INDEX "Eip_portId_key" ON "Eip"("portId");

-- CreateIndex
CREATE UNIQUE INDEX "Eip_fixedPortId_key" ON "Eip"("fixedPortId");

-- CreateIndex
CREATE INDEX "Eip_projectId_idx" ON "Eip"("projectId");

-- CreateIndex
CREATE UNIQUE INDEX "Eip_externalNetworkId_address_key" ON "Eip"("externalNetworkId", "address");

-- CreateIndex
CREATE UNIQUE INDEX "NetworkAgent_agentType_host_key" ON "NetworkAgent"("agentType", "host");

-- CreateIndex
CREATE UNIQUE INDEX "Vpc_defaultFor_key" ON "Vpc"("defaultFor");

-- CreateIndex
CREATE UNIQUE INDEX "Vpc_vni_key" ON "Vpc"("vni");

-- CreateIndex
CREATE INDEX "Vpc_projectId_idx" ON "Vpc"("projectId");

-- CreateIndex
CREATE INDEX "Subnet_externalNetworkId_idx" ON "Subnet"("externalNetworkId");

-- CreateIndex
CREATE INDEX "Port_externalNetworkId_idx" ON "Port"("externalNetworkId");

-- CreateIndex
CREATE INDEX "Port_projectId_idx" ON "Port"("projectId");

-- AddForeignKey
ALTER TABLE "Subnet" ADD CONSTRAINT "Subnet_vpcId_fkey" FOREIGN KEY ("vpcId") REFERENCES "Vpc"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Subnet" ADD CONSTRAINT "Subnet_externalNetworkId_fkey" FOREIGN KEY ("externalNetworkId") REFERENCES "ExternalNetwork"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Router" ADD CONSTRAINT "Router_vpcId_fkey" FOREIGN KEY ("vpcId") REFERENCES "Vpc"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Router" ADD CONSTRAINT "Router_gatewayNetworkId_fkey" FOREIGN KEY ("gatewayNetworkId") REFERENCES "ExternalNetwork"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SecurityGroupRule" ADD CONSTRAINT "SecurityGroupRule_securityGroupId_fkey" FOREIGN KEY ("securityGroupId") REFERENCES "SecurityGroup"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PortSecurityGroup" ADD CONSTRAINT "PortSecurityGroup_portId_fkey" FOREIGN KEY ("portId") REFERENCES "Port"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PortSecurityGroup" ADD CONSTRAINT "PortSecurityGroup_securityGroupId_fkey" FOREIGN KEY ("securityGroupId") REFERENCES "SecurityGroup"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Eip" ADD CONSTRAINT "Eip_externalNetworkId_fkey" FOREIGN KEY ("externalNetworkId") REFERENCES "ExternalNetwork"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Port" ADD CONSTRAINT "Port_vpcId_fkey" FOREIGN KEY ("vpcId") REFERENCES "Vpc"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Port" ADD CONSTRAINT "Port_externalNetworkId_fkey" FOREIGN KEY ("externalNetworkId") REFERENCES "ExternalNetwork"("id") ON DELETE SET NULL ON UPDATE CASCADE;


-- New quota resources (issue 14): existing VDCs get them unlimited (an administrator sets limits),
-- new VDCs get Neutron's defaults.
INSERT INTO "Quota" ("vdcId", "regionId", "resource", "hardLimit", "used", "updatedAt")
SELECT "vdcId", "regionId", 'ports', -1, 0, "updatedAt" FROM "Quota" WHERE "resource" = 'instances';
INSERT INTO "Quota" ("vdcId", "regionId", "resource", "hardLimit", "used", "updatedAt")
SELECT "vdcId", "regionId", 'security_group_rules', -1, 0, "updatedAt" FROM "Quota" WHERE "resource" = 'instances';
