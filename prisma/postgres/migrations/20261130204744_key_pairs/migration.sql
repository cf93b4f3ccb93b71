-- AlterTable
ALTER TABLE "Instance" ADD COLUMN     "keyFingerprint" TEXT,
ADD COLUMN     "keyName" TEXT,
ADD COLUMN     "loginMethod" TEXT NOT NULL DEFAULT 'none';

-- CreateTable
CREATE TABLE "KeyPair" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "type" TEXT NOT NULL DEFAULT 'ssh',
    "publicKey" TEXT NOT NULL,
    "fingerprint" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "KeyPair_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "KeyPair_userId_name_key" ON "KeyPair"("userId", "name");

-- AddForeignKey
ALTER TABLE "KeyPair" ADD CONSTRAINT "KeyPair_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

