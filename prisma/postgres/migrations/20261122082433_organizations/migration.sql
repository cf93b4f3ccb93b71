-- CreateTable
CREATE TABLE "Quota" (
    "vdcId" TEXT NOT NULL,
    "regionId" TEXT NOT NULL,
    "resource" TEXT NOT NULL,
    "hardLimit" INTEGER NOT NULL,
    "used" INTEGER NOT NULL DEFAULT 0,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Quota_pkey" PRIMARY KEY ("vdcId","regionId","resource")
);

-- CreateTable
CREATE TABLE "ResourceSet" (
    "vdcId" TEXT NOT NULL,
    "regionId" TEXT NOT NULL,
    "azIds" TEXT NOT NULL,

    CONSTRAINT "ResourceSet_pkey" PRIMARY KEY ("vdcId","regionId")
);

-- CreateTable
CREATE TABLE "AuditLog" (
    "seq" INTEGER NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,
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
    "hash" TEXT NOT NULL,

    CONSTRAINT "AuditLog_pkey" PRIMARY KEY ("seq")
);

-- CreateTable
CREATE TABLE "AuditAnchor" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "seq" INTEGER NOT NULL,
    "hash" TEXT NOT NULL,

    CONSTRAINT "AuditAnchor_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "AuditLog_at_idx" ON "AuditLog"("at");

-- CreateIndex
CREATE INDEX "AuditLog_vdcId_idx" ON "AuditLog"("vdcId");

-- CreateIndex
CREATE INDEX "AuditLog_action_idx" ON "AuditLog"("action");

-- AddForeignKey
ALTER TABLE "Quota" ADD CONSTRAINT "Quota_vdcId_fkey" FOREIGN KEY ("vdcId") REFERENCES "Vdc"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ResourceSet" ADD CONSTRAINT "ResourceSet_vdcId_fkey" FOREIGN KEY ("vdcId") REFERENCES "Vdc"("id") ON DELETE CASCADE ON UPDATE CASCADE;

