-- CreateTable
CREATE TABLE "Quota" (
    "vdcId" TEXT NOT NULL,
    "regionId" TEXT NOT NULL,
    "resource" TEXT NOT NULL,
    "hardLimit" INTEGER NOT NULL,
    "used" INTEGER NOT NULL DEFAULT 0,
    "updatedAt" DATETIME NOT NULL,

    PRIMARY KEY ("vdcId", "regionId", "resource"),
    CONSTRAINT "Quota_vdcId_fkey" FOREIGN KEY ("vdcId") REFERENCES "Vdc" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ResourceSet" (
    "vdcId" TEXT NOT NULL,
    "regionId" TEXT NOT NULL,
    "azIds" TEXT NOT NULL,

    PRIMARY KEY ("vdcId", "regionId"),
    CONSTRAINT "ResourceSet_vdcId_fkey" FOREIGN KEY ("vdcId") REFERENCES "Vdc" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "AuditLog" (
    "seq" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "at" DATETIME NOT NULL,
    "actorId" TEXT,
    "actorName" TEXT NOT NULL,
    "roles" TEXT NOT NULL,
    "vdcId" TEXT,
    "action" TEXT NOT NULL,
    "targetType" TEXT NOT NULL,
    "targetId" TEXT,
    "before" JSONB,
    "after" JSONB,
    "result" TEXT NOT NULL,
    "detail" TEXT,
    "sourceIp" TEXT,
    "prevHash" TEXT NOT NULL,
    "hash" TEXT NOT NULL
);

-- CreateTable
CREATE TABLE "AuditAnchor" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT DEFAULT 1,
    "seq" INTEGER NOT NULL,
    "hash" TEXT NOT NULL
);

-- CreateIndex
CREATE INDEX "AuditLog_at_idx" ON "AuditLog"("at");

-- CreateIndex
CREATE INDEX "AuditLog_vdcId_idx" ON "AuditLog"("vdcId");

-- CreateIndex
CREATE INDEX "AuditLog_action_idx" ON "AuditLog"("action");

