-- AlterTable
ALTER TABLE "Instance" ADD COLUMN "productId" TEXT;

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Product" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "icon" TEXT NOT NULL DEFAULT 'server',
    "serviceType" TEXT NOT NULL,
    "category" TEXT NOT NULL DEFAULT 'compute',
    "regionId" TEXT,
    "azId" TEXT,
    "offeredAzIds" TEXT NOT NULL DEFAULT '',
    "needsApproval" BOOLEAN NOT NULL DEFAULT true,
    "processId" TEXT,
    "published" BOOLEAN NOT NULL DEFAULT false,
    "visibleVdcIds" TEXT NOT NULL DEFAULT '',
    "createdAt" DATETIME NOT NULL,
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_Product" ("azId", "category", "createdAt", "description", "icon", "id", "name", "needsApproval", "processId", "published", "regionId", "serviceType", "updatedAt", "visibleVdcIds") SELECT "azId", "category", "createdAt", "description", "icon", "id", "name", "needsApproval", "processId", "published", "regionId", "serviceType", "updatedAt", "visibleVdcIds" FROM "Product";
DROP TABLE "Product";
ALTER TABLE "new_Product" RENAME TO "Product";
CREATE UNIQUE INDEX "Product_name_key" ON "Product"("name");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

