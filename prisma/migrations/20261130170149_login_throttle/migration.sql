-- CreateTable
CREATE TABLE "LoginThrottle" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "windowStart" DATETIME NOT NULL,
    "failures" INTEGER NOT NULL DEFAULT 0,
    "trippedAt" DATETIME
);


-- Role assignments the role table (lib/cloud/identity/grants.ts) does not allow grant nothing;
-- remove those that earlier versions could store: VDC and tenant roles held with no scope.
DELETE FROM "RoleAssignment" WHERE "vdcId" IS NULL AND "projectId" IS NULL AND "role" IN ('vdc_admin', 'approver', 'tenant_user');
-- Global roles held on a VDC or project.
DELETE FROM "RoleAssignment" WHERE ("vdcId" IS NOT NULL OR "projectId" IS NOT NULL) AND "role" IN ('operation_admin', 'om_admin', 'cloud_admin', 'auditor');
