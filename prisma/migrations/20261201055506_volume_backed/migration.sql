-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Instance" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "azId" TEXT NOT NULL,
    "hostId" TEXT,
    "flavorId" TEXT NOT NULL,
    "productId" TEXT,
    "imageId" TEXT NOT NULL,
    "vcpus" INTEGER NOT NULL,
    "memoryMb" INTEGER NOT NULL,
    "rootGb" INTEGER NOT NULL,
    "volumeBacked" BOOLEAN NOT NULL DEFAULT false,
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
    "keyName" TEXT,
    "keyFingerprint" TEXT,
    "loginMethod" TEXT NOT NULL DEFAULT 'none',
    "createdAt" DATETIME NOT NULL,
    "launchedAt" DATETIME,
    "updatedAt" DATETIME NOT NULL,
    "deletedAt" DATETIME,
    CONSTRAINT "Instance_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Instance_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Instance_azId_fkey" FOREIGN KEY ("azId") REFERENCES "AvailabilityZone" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Instance_hostId_fkey" FOREIGN KEY ("hostId") REFERENCES "Host" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Instance_flavorId_fkey" FOREIGN KEY ("flavorId") REFERENCES "Flavor" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Instance_productId_fkey" FOREIGN KEY ("productId") REFERENCES "Product" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Instance_imageId_fkey" FOREIGN KEY ("imageId") REFERENCES "Image" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_Instance" ("allocated", "azId", "createdAt", "deletedAt", "ephemeralGb", "fault", "flavorId", "guestPowerState", "hostId", "hugePagesMb", "id", "imageId", "ipAddress", "keyFingerprint", "keyName", "launchedAt", "locked", "lockedBy", "loginMethod", "macAddress", "memoryMb", "name", "powerState", "productId", "projectId", "rootGb", "swapMb", "taskState", "updatedAt", "userId", "vcpus", "vmState") SELECT "allocated", "azId", "createdAt", "deletedAt", "ephemeralGb", "fault", "flavorId", "guestPowerState", "hostId", "hugePagesMb", "id", "imageId", "ipAddress", "keyFingerprint", "keyName", "launchedAt", "locked", "lockedBy", "loginMethod", "macAddress", "memoryMb", "name", "powerState", "productId", "projectId", "rootGb", "swapMb", "taskState", "updatedAt", "userId", "vcpus", "vmState" FROM "Instance";
DROP TABLE "Instance";
ALTER TABLE "new_Instance" RENAME TO "Instance";
CREATE INDEX "Instance_projectId_deletedAt_createdAt_id_idx" ON "Instance"("projectId", "deletedAt", "createdAt" DESC, "id");
CREATE INDEX "Instance_deletedAt_createdAt_id_idx" ON "Instance"("deletedAt", "createdAt" DESC, "id");
CREATE INDEX "Instance_deletedAt_vmState_createdAt_idx" ON "Instance"("deletedAt", "vmState", "createdAt" DESC);
CREATE INDEX "Instance_hostId_idx" ON "Instance"("hostId");
CREATE UNIQUE INDEX "Instance_projectId_ipAddress_key" ON "Instance"("projectId", "ipAddress");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

