-- DropIndex
DROP INDEX "Instance_projectId_deletedAt_idx";

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
    "waitingOn" TEXT NOT NULL DEFAULT '',
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
INSERT INTO "new_Order" ("applicantId", "approval", "createdAt", "demand", "finishedAt", "id", "items", "itemsDone", "kind", "orderNo", "processVersionId", "productId", "projectId", "provisionedBy", "quotaHeld", "regionId", "resourceIds", "status", "timeline", "timeoutAt", "updatedAt", "vdcId", "version") SELECT "applicantId", "approval", "createdAt", "demand", "finishedAt", "id", "items", "itemsDone", "kind", "orderNo", "processVersionId", "productId", "projectId", "provisionedBy", "quotaHeld", "regionId", "resourceIds", "status", "timeline", "timeoutAt", "updatedAt", "vdcId", "version" FROM "Order";
DROP TABLE "Order";
ALTER TABLE "new_Order" RENAME TO "Order";
CREATE UNIQUE INDEX "Order_orderNo_key" ON "Order"("orderNo");
CREATE INDEX "Order_status_timeoutAt_idx" ON "Order"("status", "timeoutAt");
CREATE INDEX "Order_applicantId_idx" ON "Order"("applicantId");
CREATE INDEX "Order_vdcId_status_idx" ON "Order"("vdcId", "status");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "Instance_projectId_deletedAt_createdAt_id_idx" ON "Instance"("projectId", "deletedAt", "createdAt" DESC, "id");

-- CreateIndex
CREATE INDEX "Instance_deletedAt_createdAt_id_idx" ON "Instance"("deletedAt", "createdAt" DESC, "id");

-- CreateIndex
CREATE INDEX "Instance_deletedAt_vmState_createdAt_idx" ON "Instance"("deletedAt", "vmState", "createdAt" DESC);


-- Backfill: the approvers of pending orders who have not decided yet (as the inbox reads them).
UPDATE "Order" SET "waitingOn" = ',' || COALESCE((
  SELECT group_concat(a.value, ',') FROM json_each(json_extract("Order"."approval", '$.approvers')) a
  WHERE a.value NOT IN (SELECT json_extract(d.value, '$.userId') FROM json_each(json_extract("Order"."approval", '$.decisions')) d)
), '') || ','
WHERE "status" = 'pending_approval' AND "approval" IS NOT NULL;
