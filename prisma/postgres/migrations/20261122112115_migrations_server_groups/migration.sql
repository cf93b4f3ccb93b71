-- AlterTable
ALTER TABLE "CloudSettings" ADD COLUMN     "resizeConfirmWindowSeconds" INTEGER NOT NULL DEFAULT 86400;

-- AlterTable
ALTER TABLE "Image" ADD COLUMN     "ownerProjectId" TEXT,
ADD COLUMN     "sourceInstanceId" TEXT;

-- AlterTable
ALTER TABLE "Instance" ADD COLUMN     "ephemeralGb" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "swapMb" INTEGER NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "Migration" (
    "id" TEXT NOT NULL,
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
    "createdAt" TIMESTAMP(3) NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "Migration_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ServerGroup" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "policy" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "ServerGroup_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ServerGroupMember" (
    "serverGroupId" TEXT NOT NULL,
    "instanceId" TEXT NOT NULL,

    CONSTRAINT "ServerGroupMember_pkey" PRIMARY KEY ("serverGroupId","instanceId")
);

-- CreateIndex
CREATE INDEX "Migration_instanceId_idx" ON "Migration"("instanceId");

-- CreateIndex
CREATE INDEX "Migration_status_finishedAt_idx" ON "Migration"("status", "finishedAt");

-- CreateIndex
CREATE UNIQUE INDEX "ServerGroup_projectId_name_key" ON "ServerGroup"("projectId", "name");

-- CreateIndex
CREATE UNIQUE INDEX "ServerGroupMember_instanceId_key" ON "ServerGroupMember"("instanceId");

-- AddForeignKey
ALTER TABLE "Migration" ADD CONSTRAINT "Migration_instanceId_fkey" FOREIGN KEY ("instanceId") REFERENCES "Instance"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ServerGroupMember" ADD CONSTRAINT "ServerGroupMember_serverGroupId_fkey" FOREIGN KEY ("serverGroupId") REFERENCES "ServerGroup"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ServerGroupMember" ADD CONSTRAINT "ServerGroupMember_instanceId_fkey" FOREIGN KEY ("instanceId") REFERENCES "Instance"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

