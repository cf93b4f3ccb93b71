-- DropIndex
DROP INDEX "Instance_projectId_ipAddress_key";

-- CreateTable
CREATE TABLE "Router" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "vpcId" TEXT NOT NULL,
    "gatewayNetworkId" TEXT,
    "enableSnat" BOOLEAN NOT NULL DEFAULT true,
    "status" TEXT NOT NULL DEFAULT 'ACTIVE',
    "createdAt" DATETIME NOT NULL,
    CONSTRAINT "Router_vpcId_fkey" FOREIGN KEY ("vpcId") REFERENCES "Vpc" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Router_gatewayNetworkId_fkey" FOREIGN KEY ("gatewayNetworkId") REFERENCES "ExternalNetwork" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "SegmentAllocation" (
    "kind" TEXT NOT NULL,
    "physnet" TEXT NOT NULL DEFAULT '',
    "segmentId" INTEGER NOT NULL,
    "allocated" BOOLEAN NOT NULL DEFAULT false,

    PRIMARY KEY ("kind", "physnet", "segmentId")
);

-- CreateTable
CREATE TABLE "SecurityGroup" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "projectId" TEXT NOT NULL,
    "defaultFor" TEXT,
    "createdAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "SecurityGroupRule" (
    "id" TEXT NOT NULL PRIMARY KEY,
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
    "createdAt" DATETIME NOT NULL,
    CONSTRAINT "SecurityGroupRule_securityGroupId_fkey" FOREIGN KEY ("securityGroupId") REFERENCES "SecurityGroup" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "PortSecurityGroup" (
    "portId" TEXT NOT NULL,
    "securityGroupId" TEXT NOT NULL,

    PRIMARY KEY ("portId", "securityGroupId"),
    CONSTRAINT "PortSecurityGroup_portId_fkey" FOREIGN KEY ("portId") REFERENCES "Port" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "PortSecurityGroup_securityGroupId_fkey" FOREIGN KEY ("securityGroupId") REFERENCES "SecurityGroup" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Eip" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "projectId" TEXT NOT NULL,
    "externalNetworkId" TEXT NOT NULL,
    "address" TEXT NOT NULL,
    "portId" TEXT NOT NULL,
    "fixedPortId" TEXT,
    "fixedIp" TEXT,
    "routerId" TEXT,
    "bandwidthMbit" INTEGER NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'DOWN',
    "createdAt" DATETIME NOT NULL,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Eip_externalNetworkId_fkey" FOREIGN KEY ("externalNetworkId") REFERENCES "ExternalNetwork" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "NetworkAgent" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "agentType" TEXT NOT NULL,
    "binary" TEXT NOT NULL,
    "host" TEXT NOT NULL,
    "alive" BOOLEAN NOT NULL DEFAULT true,
    "adminStateUp" BOOLEAN NOT NULL DEFAULT true,
    "haState" TEXT,
    "heartbeatAt" DATETIME NOT NULL
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
    "vniRanges" TEXT NOT NULL DEFAULT '5001:9000',
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_CloudSettings" ("capacityWeightMultiplier", "cpuAllocationRatio", "cpuWeightMultiplier", "diskAllocationRatio", "diskWeightMultiplier", "hcsHostGroupPreference", "hostSubsetSize", "id", "isolatedAggregateFiltering", "maxAttempts", "powerSyncSeconds", "ramAllocationRatio", "ramWeightMultiplier", "reservedHostCpus", "reservedHostDiskMb", "reservedHostMemoryMb", "resizeConfirmWindowSeconds", "thinProvisioningRatio", "updatedAt") SELECT "capacityWeightMultiplier", "cpuAllocationRatio", "cpuWeightMultiplier", "diskAllocationRatio", "diskWeightMultiplier", "hcsHostGroupPreference", "hostSubsetSize", "id", "isolatedAggregateFiltering", "maxAttempts", "powerSyncSeconds", "ramAllocationRatio", "ramWeightMultiplier", "reservedHostCpus", "reservedHostDiskMb", "reservedHostMemoryMb", "resizeConfirmWindowSeconds", "thinProvisioningRatio", "updatedAt" FROM "CloudSettings";
DROP TABLE "CloudSettings";
ALTER TABLE "new_CloudSettings" RENAME TO "CloudSettings";
CREATE TABLE "new_ExternalNetwork" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "cidr" TEXT NOT NULL,
    "gateway" TEXT NOT NULL,
    "poolStart" TEXT NOT NULL,
    "poolEnd" TEXT NOT NULL,
    "physicalNetwork" TEXT NOT NULL DEFAULT 'physnet1',
    "vlanId" INTEGER,
    "regionId" TEXT NOT NULL
);
INSERT INTO "new_ExternalNetwork" ("cidr", "gateway", "id", "kind", "name", "poolEnd", "poolStart", "regionId", "vlanId") SELECT "cidr", "gateway", "id", "kind", "name", "poolEnd", "poolStart", "regionId", "vlanId" FROM "ExternalNetwork";
DROP TABLE "ExternalNetwork";
ALTER TABLE "new_ExternalNetwork" RENAME TO "ExternalNetwork";
CREATE UNIQUE INDEX "ExternalNetwork_name_key" ON "ExternalNetwork"("name");
CREATE TABLE "new_Port" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL DEFAULT '',
    "projectId" TEXT NOT NULL,
    "vpcId" TEXT,
    "externalNetworkId" TEXT,
    "macAddress" TEXT NOT NULL,
    "deviceId" TEXT,
    "deviceOwner" TEXT,
    "status" TEXT NOT NULL DEFAULT 'DOWN',
    "adminStateUp" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" DATETIME NOT NULL,
    CONSTRAINT "Port_vpcId_fkey" FOREIGN KEY ("vpcId") REFERENCES "Vpc" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Port_externalNetworkId_fkey" FOREIGN KEY ("externalNetworkId") REFERENCES "ExternalNetwork" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Port" ("createdAt", "deviceId", "deviceOwner", "id", "macAddress", "name", "projectId", "status", "vpcId") SELECT "createdAt", "deviceId", "deviceOwner", "id", "macAddress", "name", "projectId", "status", "vpcId" FROM "Port";
DROP TABLE "Port";
ALTER TABLE "new_Port" RENAME TO "Port";
CREATE UNIQUE INDEX "Port_macAddress_key" ON "Port"("macAddress");
CREATE INDEX "Port_vpcId_idx" ON "Port"("vpcId");
CREATE INDEX "Port_externalNetworkId_idx" ON "Port"("externalNetworkId");
CREATE INDEX "Port_deviceId_idx" ON "Port"("deviceId");
CREATE INDEX "Port_projectId_idx" ON "Port"("projectId");
CREATE TABLE "new_Subnet" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "vpcId" TEXT,
    "externalNetworkId" TEXT,
    "ipVersion" INTEGER NOT NULL,
    "cidr" TEXT NOT NULL,
    "gatewayIp" TEXT,
    "enableDhcp" BOOLEAN NOT NULL DEFAULT true,
    "pools" JSONB NOT NULL,
    "dnsServers" JSONB NOT NULL DEFAULT [],
    "hostRoutes" JSONB NOT NULL DEFAULT [],
    "createdAt" DATETIME NOT NULL,
    CONSTRAINT "Subnet_vpcId_fkey" FOREIGN KEY ("vpcId") REFERENCES "Vpc" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Subnet_externalNetworkId_fkey" FOREIGN KEY ("externalNetworkId") REFERENCES "ExternalNetwork" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Subnet" ("cidr", "createdAt", "enableDhcp", "gatewayIp", "id", "ipVersion", "name", "pools", "vpcId") SELECT "cidr", "createdAt", "enableDhcp", "gatewayIp", "id", "ipVersion", "name", "pools", "vpcId" FROM "Subnet";
DROP TABLE "Subnet";
ALTER TABLE "new_Subnet" RENAME TO "Subnet";
CREATE INDEX "Subnet_vpcId_idx" ON "Subnet"("vpcId");
CREATE INDEX "Subnet_externalNetworkId_idx" ON "Subnet"("externalNetworkId");
CREATE TABLE "new_Vpc" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "projectId" TEXT NOT NULL,
    "cidr" TEXT NOT NULL,
    "defaultFor" TEXT,
    "vni" INTEGER NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'ACTIVE',
    "createdAt" DATETIME NOT NULL,
    CONSTRAINT "Vpc_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_Vpc" ("cidr", "createdAt", "id", "name", "projectId") SELECT "cidr", "createdAt", "id", "name", "projectId" FROM "Vpc";
DROP TABLE "Vpc";
ALTER TABLE "new_Vpc" RENAME TO "Vpc";
CREATE UNIQUE INDEX "Vpc_defaultFor_key" ON "Vpc"("defaultFor");
CREATE UNIQUE INDEX "Vpc_vni_key" ON "Vpc"("vni");
CREATE INDEX "Vpc_projectId_idx" ON "Vpc"("projectId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

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


-- New quota resources (issue 14): existing VDCs get them unlimited (an administrator sets limits),
-- new VDCs get Neutron's defaults.
INSERT INTO "Quota" ("vdcId", "regionId", "resource", "hardLimit", "used", "updatedAt")
SELECT "vdcId", "regionId", 'ports', -1, 0, "updatedAt" FROM "Quota" WHERE "resource" = 'instances';
INSERT INTO "Quota" ("vdcId", "regionId", "resource", "hardLimit", "used", "updatedAt")
SELECT "vdcId", "regionId", 'security_group_rules', -1, 0, "updatedAt" FROM "Quota" WHERE "resource" = 'instances';
