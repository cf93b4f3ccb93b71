-- DropIndex
DROP INDEX "Instance_projectId_deletedAt_idx";

-- AlterTable
ALTER TABLE "Order" ADD COLUMN     "waitingOn" TEXT NOT NULL DEFAULT '';

-- CreateIndex
CREATE INDEX "Instance_projectId_deletedAt_createdAt_id_idx" ON "Instance"("projectId", "deletedAt", "createdAt" DESC, "id");

-- CreateIndex
CREATE INDEX "Instance_deletedAt_createdAt_id_idx" ON "Instance"("deletedAt", "createdAt" DESC, "id");

-- CreateIndex
CREATE INDEX "Instance_deletedAt_vmState_createdAt_idx" ON "Instance"("deletedAt", "vmState", "createdAt" DESC);


-- Backfill: the approvers of pending orders who have not decided yet (as the inbox reads them).
UPDATE "Order" o SET "waitingOn" = ',' || COALESCE((
  SELECT string_agg(a.value, ',') FROM jsonb_array_elements_text(o."approval"->'approvers') a(value)
  WHERE a.value NOT IN (SELECT d->>'userId' FROM jsonb_array_elements(COALESCE(o."approval"->'decisions', '[]'::jsonb)) d)
), '') || ','
WHERE o."status" = 'pending_approval' AND o."approval" IS NOT NULL;
