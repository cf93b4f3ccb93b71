-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Order" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "orderNo" TEXT NOT NULL,
    "productId" TEXT NOT NULL,
    "kind" TEXT NOT NULL DEFAULT 'create',
    "applicantId" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "vdcId" TEXT NOT NULL,
    "regionId" TEXT NOT NULL,
    "items" JSONB NOT NULL,
    "demand" JSONB NOT NULL,
    "quotaHeld" BOOLEAN NOT NULL DEFAULT false,
    "status" TEXT NOT NULL,
    "processVersionId" TEXT,
    "approval" JSONB,
    "timeoutAt" DATETIME,
    "resourceIds" TEXT NOT NULL DEFAULT '',
    "itemsDone" INTEGER NOT NULL DEFAULT 0,
    "provisionedBy" TEXT,
    "timeline" JSONB NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 0,
    "createdAt" DATETIME NOT NULL,
    "updatedAt" DATETIME NOT NULL,
    "finishedAt" DATETIME,
    CONSTRAINT "Order_productId_fkey" FOREIGN KEY ("productId") REFERENCES "Product" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Order_processVersionId_fkey" FOREIGN KEY ("processVersionId") REFERENCES "ProcessVersion" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Order" ("applicantId", "approval", "createdAt", "demand", "finishedAt", "id", "items", "kind", "orderNo", "processVersionId", "productId", "projectId", "quotaHeld", "regionId", "resourceIds", "status", "timeline", "timeoutAt", "updatedAt", "vdcId", "version") SELECT "applicantId", "approval", "createdAt", "demand", "finishedAt", "id", "items", "kind", "orderNo", "processVersionId", "productId", "projectId", "quotaHeld", "regionId", "resourceIds", "status", "timeline", "timeoutAt", "updatedAt", "vdcId", "version" FROM "Order";
DROP TABLE "Order";
ALTER TABLE "new_Order" RENAME TO "Order";
CREATE UNIQUE INDEX "Order_orderNo_key" ON "Order"("orderNo");
CREATE INDEX "Order_status_timeoutAt_idx" ON "Order"("status", "timeoutAt");
CREATE INDEX "Order_applicantId_idx" ON "Order"("applicantId");
CREATE INDEX "Order_vdcId_status_idx" ON "Order"("vdcId", "status");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

