-- DropForeignKey
ALTER TABLE "Router" DROP CONSTRAINT "Router_vpcId_fkey";

-- AlterTable
ALTER TABLE "Vpc" ALTER COLUMN "cidr" DROP NOT NULL;

-- AlterTable
ALTER TABLE "Router" ALTER COLUMN "vpcId" DROP NOT NULL;

-- AddForeignKey
ALTER TABLE "Router" ADD CONSTRAINT "Router_vpcId_fkey" FOREIGN KEY ("vpcId") REFERENCES "Vpc"("id") ON DELETE SET NULL ON UPDATE CASCADE;

