import "server-only";
import { identityError } from "@/lib/cloud/openstack/identity";
import type { Prisma } from "@/lib/generated/prisma/client";
import { dbReader } from "../db";
import { OpenStackError } from "./errors";
import { validateToken, type ValidToken } from "./identity";
import { baseUrl, dispatch, json, type RouteDef } from "./router";

// Glance v2 over the console's images (read routes in this slice): a project sees the cloud's
// public images and its own private ones (instance snapshots); an administrator sees every one.

interface Ctx {
  url: URL;
  base: string;
  token: ValidToken;
  admin: boolean;
}

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
    checksum: null,
    os_hash_algo: null,
    os_hash_value: null,
    owner: i.ownerProjectId,
    size: i.sizeMb * 1024 * 1024,
    virtual_size: null,
    min_ram: i.minRamMb,
    min_disk: i.minDiskGb,
    disk_format: i.diskFormat,
    container_format: "bare",
    created_at: isoSeconds(i.createdAt),
    updated_at: isoSeconds(i.createdAt),
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
  {
    method: "GET",
    path: "/v2/images/:id",
    handle: async (ctx, params) => {
      const row = await dbReader.image.findFirst({ where: { ...visibleWhere(ctx), id: params.id } });
      if (!row) throw new OpenStackError(404, `No image found with ID ${params.id}`);
      return json(imageView(row));
    },
  },
];

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
    async () => {
      const token = await validateToken(req.headers.get("x-auth-token") ?? "");
      return { url: new URL(req.url), base, token, admin: token.roles.includes("admin") };
    },
    identityError,
    "image",
  );
}
