-- AlterTable
ALTER TABLE "CloudSettings" ADD COLUMN     "hcsHostGroupPreference" BOOLEAN NOT NULL DEFAULT true,
ADD COLUMN     "isolatedAggregateFiltering" BOOLEAN NOT NULL DEFAULT true,
ADD COLUMN     "reservedHostCpus" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "Host" ADD COLUMN     "cpuInfo" TEXT NOT NULL DEFAULT '{}',
ADD COLUMN     "hypervisorVersion" INTEGER NOT NULL DEFAULT 7002000,
ADD COLUMN     "reservedVcpus" INTEGER,
ADD COLUMN     "traits" TEXT NOT NULL DEFAULT '';

-- AlterTable
ALTER TABLE "Image" ADD COLUMN     "hvRequestedVersion" TEXT,
ADD COLUMN     "traitsRequired" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "vmMode" TEXT;

