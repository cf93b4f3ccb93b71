-- CreateTable
CREATE TABLE "ApprovalProcess" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "ownerVdcId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ApprovalProcess_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ProcessVersion" (
    "id" TEXT NOT NULL,
    "processId" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "levels" JSONB NOT NULL,
    "published" BOOLEAN NOT NULL DEFAULT false,
    "publishedAt" TIMESTAMP(3),
    "createdBy" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ProcessVersion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Product" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "icon" TEXT NOT NULL DEFAULT 'server',
    "serviceType" TEXT NOT NULL,
    "category" TEXT NOT NULL DEFAULT 'compute',
    "regionId" TEXT,
    "azId" TEXT,
    "needsApproval" BOOLEAN NOT NULL DEFAULT true,
    "processId" TEXT,
    "published" BOOLEAN NOT NULL DEFAULT false,
    "visibleVdcIds" TEXT NOT NULL DEFAULT '',
    "createdAt" TIMESTAMP(3) NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Product_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ProductProcessOverride" (
    "productId" TEXT NOT NULL,
    "vdcId" TEXT NOT NULL,
    "processId" TEXT NOT NULL,

    CONSTRAINT "ProductProcessOverride_pkey" PRIMARY KEY ("productId","vdcId")
);

-- CreateTable
CREATE TABLE "Order" (
    "id" TEXT NOT NULL,
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
    "timeoutAt" TIMESTAMP(3),
    "resourceIds" TEXT NOT NULL DEFAULT '',
    "timeline" JSONB NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "Order_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "ApprovalProcess_name_key" ON "ApprovalProcess"("name");

-- CreateIndex
CREATE UNIQUE INDEX "ProcessVersion_processId_version_key" ON "ProcessVersion"("processId", "version");

-- CreateIndex
CREATE UNIQUE INDEX "Product_name_key" ON "Product"("name");

-- CreateIndex
CREATE UNIQUE INDEX "Order_orderNo_key" ON "Order"("orderNo");

-- CreateIndex
CREATE INDEX "Order_status_timeoutAt_idx" ON "Order"("status", "timeoutAt");

-- CreateIndex
CREATE INDEX "Order_applicantId_idx" ON "Order"("applicantId");

-- CreateIndex
CREATE INDEX "Order_vdcId_status_idx" ON "Order"("vdcId", "status");

-- AddForeignKey
ALTER TABLE "ProcessVersion" ADD CONSTRAINT "ProcessVersion_processId_fkey" FOREIGN KEY ("processId") REFERENCES "ApprovalProcess"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProductProcessOverride" ADD CONSTRAINT "ProductProcessOverride_productId_fkey" FOREIGN KEY ("productId") REFERENCES "Product"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Order" ADD CONSTRAINT "Order_productId_fkey" FOREIGN KEY ("productId") REFERENCES "Product"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Order" ADD CONSTRAINT "Order_processVersionId_fkey" FOREIGN KEY ("processVersionId") REFERENCES "ProcessVersion"("id") ON DELETE SET NULL ON UPDATE CASCADE;

