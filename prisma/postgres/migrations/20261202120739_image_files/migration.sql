-- AlterTable
ALTER TABLE "Image" ADD COLUMN     "checksum" TEXT,
ADD COLUMN     "hashSha512" TEXT,
ADD COLUMN     "sizeBytes" INTEGER;

-- CreateTable
CREATE TABLE "ImageFile" (
    "imageId" TEXT NOT NULL,
    "data" BYTEA NOT NULL,

    CONSTRAINT "ImageFile_pkey" PRIMARY KEY ("imageId")
);

-- AddForeignKey
ALTER TABLE "ImageFile" ADD CONSTRAINT "ImageFile_imageId_fkey" FOREIGN KEY ("imageId") REFERENCES "Image"("id") ON DELETE CASCADE ON UPDATE CASCADE;

