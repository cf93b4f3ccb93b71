import "server-only";
import { DomainError, NotFoundError } from "@/lib/cloud/shared";
import type { Image } from "@/lib/generated/prisma/client";
import { dbReader } from "../db";
import { findRow } from "./sql";

/** An image the project may boot from or rebuild with: public, or a private one it owns. */
export async function usableImage(imageId: string, projectId: string) {
  const image = await findRow<Image>(dbReader, "Image", { id: imageId });
  if (!image || image.status === "deleted" || (image.visibility !== "public" && image.ownerProjectId !== projectId)) throw new NotFoundError("image", imageId);
  if (image.status !== "active")
    throw new DomainError("INVALID_INPUT", "image not active", { reason: image.status === "deactivated" ? "image_deactivated" : "image_not_ready", image: image.name, status: image.status });
  return image;
}
