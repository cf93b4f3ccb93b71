-- AlterTable
ALTER TABLE "Instance" ADD COLUMN     "productId" TEXT;

-- AlterTable
ALTER TABLE "Product" ADD COLUMN     "offeredAzIds" TEXT NOT NULL DEFAULT '';

