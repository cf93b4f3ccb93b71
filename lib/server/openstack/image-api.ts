import "server-only";
import { identityError } from "@/lib/cloud/openstack/identity";
import type { Prisma } from "@/lib/generated/prisma/client";
import { dbReader } from "../db";
import { OpenStackError } from "./errors";
import { apiContext, type ApiContext } from "./identity";
import { readJson } from "../read-json";
import { registerImageInput } from "@/lib/schemas/compute";
import { glanceImageCreate } from "@/lib/schemas/openstack";
import { deleteImage, MAX_IMAGE_UPLOAD_BYTES, registerImage, setImageActive, uploadImageData } from "../services/compute-admin";
import { cloudNow } from "../services/clock";
import { baseUrl, dispatch, json, type RouteDef } from "./router";

// Glance v2 over the console's images (read routes in this slice): a project sees the cloud's
// public images and its own private ones (instance snapshots); an administrator sees every one.

type Ctx = ApiContext;

type ImageRow = Prisma.ImageGetPayload<object>;

const isoSeconds = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, "Z");

function imageView(i: ImageRow) {
  return {
    id: i.id,
    name: i.name,
    status: i.status,
    visibility: i.visibility,
    protected: false,
    os_hidden: false,
    checksum: i.checksum,
    os_hash_algo: i.hashSha512 ? "sha512" : null,
    os_hash_value: i.hashSha512,
    owner: i.ownerProjectId,
    size: i.status === "queued" ? null : (i.sizeBytes ?? i.sizeMb * 1024 * 1024),
    virtual_size: null,
    min_ram: i.minRamMb,
    min_disk: i.minDiskGb,
    disk_format: i.diskFormat,
    container_format: "bare",
    created_at: isoSeconds(i.createdAt),
    updated_at: isoSeconds(i.createdAt),
    // Glance's image properties and hints, as Nova's scheduler and the clients read them.
    tags: [],
    self: `/v2/images/${i.id}`,
    file: `/v2/images/${i.id}/file`,
    schema: "/v2/schemas/image",
    // Glance's image properties, as Nova's scheduler reads them.
    architecture: i.architecture,
    os_type: i.osType,
    os_version: i.osVersion,
    ...(i.hypervisorType ? { hypervisor_type: i.hypervisorType } : {}),
    ...(i.vmMode ? { hw_vm_mode: i.vmMode } : {}),
    ...(i.sourceInstanceId ? { instance_uuid: i.sourceInstanceId, image_type: "snapshot" } : {}),
  };
}

function visibleWhere(ctx: Ctx): Prisma.ImageWhereInput {
  return { deletedAt: null, ...(ctx.admin ? {} : { OR: [{ visibility: "public" }, { ownerProjectId: ctx.token.projectId ?? "-" }] }) };
}

export const IMAGE_ROUTES: RouteDef<Ctx>[] = [
  {
    method: "GET",
    path: "/v2/images",
    handle: async (ctx) => {
      const q = ctx.url.searchParams;
      const limit = Math.min(Number(q.get("limit") ?? 25), 1000);
      if (!Number.isInteger(limit) || limit < 0) throw new OpenStackError(400, "limit param must be an integer");
      const where: Prisma.ImageWhereInput = { ...visibleWhere(ctx), ...(q.get("name") ? { name: q.get("name") as string } : {}), ...(q.get("status") ? { status: q.get("status") as string } : {}), ...(q.get("visibility") && q.get("visibility") !== "all" ? { visibility: q.get("visibility") as string } : {}) };
      const marker = q.get("marker");
      if (marker) {
        const m = await dbReader.image.findFirst({ where: { ...where, id: marker }, select: { id: true, createdAt: true } });
        if (!m) throw new OpenStackError(400, `Invalid marker. Image ${marker} could not be found.`);
        where.AND = [{ OR: [{ createdAt: { lt: m.createdAt } }, { createdAt: m.createdAt, id: { lt: m.id } }] }];
      }
      // Glance's default order: newest first.
      const rows = await dbReader.image.findMany({ where, orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: limit + 1 });
      const page = rows.slice(0, limit);
      const next = rows.length > limit && page.length ? `/v2/images?limit=${limit}&marker=${page.at(-1)?.id}` : null;
      return json({ images: page.map(imageView), schema: "/v2/schemas/images", first: "/v2/images", ...(next ? { next } : {}) });
    },
  },
  { method: "GET", path: "/v2/images/:id", handle: async (ctx, params) => json(imageView(await oneImage(ctx, params.id as string))) },
  {
    method: "POST",
    path: "/v2/images",
    handle: async (ctx) => {
      const b = await readJson(ctx.req, glanceImageCreate);
      const input = registerImageInput.parse({
        name: b.name,
        diskFormat: b.disk_format ?? "raw",
        minDiskGb: b.min_disk ?? 0,
        minRamMb: b.min_ram ?? 0,
        architecture: b.architecture ?? "x86_64",
        hypervisorType: b.hypervisor_type ?? undefined,
        osType: b.os_type ?? "linux",
        osVersion: b.os_version ?? b.os_distro ?? "unknown",
        // Its size is known once its data is uploaded.
        sizeMb: 1,
        visibility: b.visibility === "community" ? "public" : (b.visibility ?? "shared"),
      });
      const { id } = await registerImage(ctx.actor, input, { queued: true, ownerProjectId: ctx.token.projectId, extra: { vmMode: b.hw_vm_mode ?? null } });
      return json(imageView(await oneImage(ctx, id)), 201, { Location: `${ctx.base}/openstack/image/v2/images/${id}` });
    },
  },
  {
    method: "PUT",
    path: "/v2/images/:id/file",
    handle: async (ctx, params) => {
      const image = await oneImage(ctx, params.id as string);
      const declared = Number(ctx.req.headers.get("content-length") ?? "0");
      if (declared > MAX_IMAGE_UPLOAD_BYTES) throw new OpenStackError(413, `Image exceeds the storage quota: at most ${MAX_IMAGE_UPLOAD_BYTES} bytes may be uploaded here.`);
      await uploadImageData(ctx.actor, image.id, Buffer.from(await ctx.req.arrayBuffer()));
      return new Response(null, { status: 204 });
    },
  },
  {
    method: "GET",
    path: "/v2/images/:id/file",
    handle: async (ctx, params) => {
      const image = await oneImage(ctx, params.id as string);
      const file = await dbReader.imageFile.findUnique({ where: { imageId: image.id } });
      // An image of the cloud's own store (seeded, or a snapshot) has no bytes here: Glance's answer for an image without data.
      if (!file) return new Response(null, { status: 204 });
      if (image.status === "deactivated" && !ctx.admin) throw new OpenStackError(403, "The requested image has been deactivated. Image data download is forbidden.");
      return new Response(new Uint8Array(file.data), { status: 200, headers: { "Content-Type": "application/octet-stream", "Content-Length": String(file.data.length), ...(image.checksum ? { "Content-MD5": image.checksum } : {}) } });
    },
  },
  {
    method: "POST",
    path: "/v2/images/:id/actions/deactivate",
    handle: async (ctx, params) => {
      const image = await oneImage(ctx, params.id as string);
      if (image.status !== "deactivated") await setImageActive(ctx.actor, image.id, false);
      return new Response(null, { status: 204 });
    },
  },
  {
    method: "POST",
    path: "/v2/images/:id/actions/reactivate",
    handle: async (ctx, params) => {
      const image = await oneImage(ctx, params.id as string);
      if (image.status !== "active") await setImageActive(ctx.actor, image.id, true);
      return new Response(null, { status: 204 });
    },
  },
  {
    method: "DELETE",
    path: "/v2/images/:id",
    handle: async (ctx, params) => {
      await deleteImage(ctx.actor, (await oneImage(ctx, params.id as string)).id, await cloudNow());
      return new Response(null, { status: 204 });
    },
  },
];

async function oneImage(ctx: Ctx, id: string): Promise<ImageRow> {
  const row = await dbReader.image.findFirst({ where: { ...visibleWhere(ctx), id } });
  if (!row) throw new OpenStackError(404, `No image found with ID ${id}`);
  return row;
}

/** Dispatch one request under /openstack/image. */
export async function imageRequest(req: Request, segments: readonly string[]): Promise<Response> {
  const path = segments.length ? `/${segments.join("/")}` : "";
  const base = baseUrl(req);
  const version = { id: "v2.15", status: "CURRENT", links: [{ rel: "self", href: `${base}/openstack/image/v2/` }] };
  if (req.method === "GET" && (path === "" || path === "/versions")) return json({ versions: [version] }, path === "" ? 300 : 200);
  return dispatch(
    IMAGE_ROUTES,
    req,
    path,
    // Images are listed for an unscoped token too (the cloud's public ones), as Glance lists them.
    () => apiContext(req, base, { projectScoped: false }),
    identityError,
    "image",
  );
}
