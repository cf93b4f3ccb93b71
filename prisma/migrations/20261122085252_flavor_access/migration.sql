-- CreateTable
CREATE TABLE "FlavorAccess" (
    "flavorId" TEXT NOT NULL,
    "vdcId" TEXT NOT NULL,

    PRIMARY KEY ("flavorId", "vdcId"),
    CONSTRAINT "FlavorAccess_flavorId_fkey" FOREIGN KEY ("flavorId") REFERENCES "Flavor" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

