-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Router" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "vpcId" TEXT,
    "gatewayNetworkId" TEXT,
    "enableSnat" BOOLEAN NOT NULL DEFAULT true,
    "status" TEXT NOT NULL DEFAULT 'ACTIVE',
    "createdAt" DATETIME NOT NULL,
    CONSTRAINT "Router_vpcId_fkey" FOREIGN KEY ("vpcId") REFERENCES "Vpc" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Router_gatewayNetworkId_fkey" FOREIGN KEY ("gatewayNetworkId") REFERENCES "ExternalNetwork" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Router" ("createdAt", "enableSnat", "gatewayNetworkId", "id", "name", "projectId", "status", "vpcId") SELECT "createdAt", "enableSnat", "gatewayNetworkId", "id", "name", "projectId", "status", "vpcId" FROM "Router";
DROP TABLE "Router";
ALTER TABLE "new_Router" RENAME TO "Router";
CREATE UNIQUE INDEX "Router_vpcId_key" ON "Router"("vpcId");
CREATE TABLE "new_Vpc" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "projectId" TEXT NOT NULL,
    "cidr" TEXT,
    "defaultFor" TEXT,
    "vni" INTEGER NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'ACTIVE',
    "createdAt" DATETIME NOT NULL,
    CONSTRAINT "Vpc_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_Vpc" ("cidr", "createdAt", "defaultFor", "description", "id", "name", "projectId", "status", "vni") SELECT "cidr", "createdAt", "defaultFor", "description", "id", "name", "projectId", "status", "vni" FROM "Vpc";
DROP TABLE "Vpc";
ALTER TABLE "new_Vpc" RENAME TO "Vpc";
CREATE UNIQUE INDEX "Vpc_defaultFor_key" ON "Vpc"("defaultFor");
CREATE UNIQUE INDEX "Vpc_vni_key" ON "Vpc"("vni");
CREATE INDEX "Vpc_projectId_idx" ON "Vpc"("projectId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

