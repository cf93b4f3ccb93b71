-- AlterTable
ALTER TABLE "Instance" ADD COLUMN "guestPowerState" TEXT;

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_CloudSettings" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT DEFAULT 1,
    "cpuAllocationRatio" REAL NOT NULL DEFAULT 16,
    "ramAllocationRatio" REAL NOT NULL DEFAULT 1.5,
    "diskAllocationRatio" REAL NOT NULL DEFAULT 1,
    "reservedHostMemoryMb" INTEGER NOT NULL DEFAULT 512,
    "reservedHostDiskMb" INTEGER NOT NULL DEFAULT 0,
    "hostSubsetSize" INTEGER NOT NULL DEFAULT 1,
    "ramWeightMultiplier" REAL NOT NULL DEFAULT 1,
    "cpuWeightMultiplier" REAL NOT NULL DEFAULT 0,
    "diskWeightMultiplier" REAL NOT NULL DEFAULT 0,
    "maxAttempts" INTEGER NOT NULL DEFAULT 3,
    "powerSyncSeconds" INTEGER NOT NULL DEFAULT 600,
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_CloudSettings" ("cpuAllocationRatio", "cpuWeightMultiplier", "diskAllocationRatio", "diskWeightMultiplier", "hostSubsetSize", "id", "maxAttempts", "ramAllocationRatio", "ramWeightMultiplier", "reservedHostDiskMb", "reservedHostMemoryMb", "updatedAt") SELECT "cpuAllocationRatio", "cpuWeightMultiplier", "diskAllocationRatio", "diskWeightMultiplier", "hostSubsetSize", "id", "maxAttempts", "ramAllocationRatio", "ramWeightMultiplier", "reservedHostDiskMb", "reservedHostMemoryMb", "updatedAt" FROM "CloudSettings";
DROP TABLE "CloudSettings";
ALTER TABLE "new_CloudSettings" RENAME TO "CloudSettings";
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

