-- CreateTable
CREATE TABLE "FlavorAccess" (
    "flavorId" TEXT NOT NULL,
    "vdcId" TEXT NOT NULL,

    CONSTRAINT "FlavorAccess_pkey" PRIMARY KEY ("flavorId","vdcId")
);

-- AddForeignKey
ALTER TABLE "FlavorAccess" ADD CONSTRAINT "FlavorAccess_flavorId_fkey" FOREIGN KEY ("flavorId") REFERENCES "Flavor"("id") ON DELETE CASCADE ON UPDATE CASCADE;

