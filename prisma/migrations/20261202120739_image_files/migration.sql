-- AlterTable
ALTER TABLE "Image" ADD COLUMN "checksum" TEXT;
ALTER TABLE "Image" ADD COLUMN "hashSha512" TEXT;
ALTER TABLE "Image" ADD COLUMN "sizeBytes" INTEGER;

-- CreateTable
CREATE TABLE "ImageFile" (
    "imageId" TEXT NOT NULL PRIMARY KEY,
    "data" BLOB NOT NULL,
    CONSTRAINT "ImageFile_imageId_fkey" FOREIGN KEY ("imageId") REFERENCES "Image" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

