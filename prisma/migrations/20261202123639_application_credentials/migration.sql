-- AlterTable
ALTER TABLE "ApiToken" ADD COLUMN "applicationCredentialId" TEXT;

-- CreateTable
CREATE TABLE "ApplicationCredential" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "userId" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "secretHash" TEXT NOT NULL,
    "expiresAt" DATETIME,
    "createdAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE UNIQUE INDEX "ApplicationCredential_userId_name_key" ON "ApplicationCredential"("userId", "name");

