import "server-only";
import { computeError } from "@/lib/cloud/openstack/compute";
import { isoTime } from "@/lib/cloud/openstack/identity";
import type { Prisma } from "@/lib/generated/prisma/client";
import { cinderSnapshotCreate, cinderVolumeAction, cinderVolumeCreate } from "@/lib/schemas/openstack";
import { createVolumeInput } from "@/lib/schemas/volumes";
import { dbReader } from "../db";
import { readJson } from "../read-json";
import { listPools, listVolumeTypes } from "../queries/storage";
import { cinderPoolName, isPoolUp } from "../repositories/pools";
import { lastServiceReport } from "../repositories/service-reports";
import { createSnapshot, createVolumes, deleteSnapshot, deleteVolume, extendVolume } from "../services/volumes";
import { cloudNow } from "../services/clock";
import { OpenStackError } from "./errors";
import { apiContext, type ApiContext } from "./identity";
import { projectQuota } from "./quota";
import { baseUrl, dispatch, json, type RouteDef } from "./router";
import { defaultAz } from "./servers";

// Cinder v3 over the console's EVS: the same volumes, types, snapshots and pools, created and
// deleted through the console's volume services (quota on the VDC chain, Cinder's scheduler on
// the pools, the audit entry marked as API). The endpoint carries the project id, as Cinder's
// does; a token works only on its own project's URL unless it administers the cloud.

interface Ctx extends ApiContext {
  /** The project the URL names (Cinder's /v3/{project_id}/...). */
  project: string;
}

const root = (ctx: Ctx) => `${ctx.base}/openstack/volume/v3/${ctx.project}`;
const links = (ctx: Ctx, path: string) => [
  { rel: "self", href: `${root(ctx)}/${path}` },
  { rel: "bookmark", href: `${ctx.base}/openstack/volume/${ctx.project}/${path}` },
];
/** Cinder's times: microseconds, no zone. */
const cinderTime = (d: Date | null) => (d ? isoTime(d).replace("Z", "") : null);
const truthy = (v: string | null) => v !== null && ["1", "true", "yes", "on", "t", "y"].includes(v.toLowerCase());

function paging(ctx: Ctx): { limit: number; marker: string | null } {
  const raw = ctx.url.searchParams.get("limit");
  const limit = raw === null ? 1000 : Number(raw);
  if (!Number.isInteger(limit) || limit < 0) throw new OpenStackError(400, "Invalid input received: limit must be a non-negative integer.");
  return { limit: Math.min(limit, 1000), marker: ctx.url.searchParams.get("marker") };
}

// ------------------------------------------------------------------------------------ volumes

const volumeInclude = {
  volumeType: { select: { name: true } },
  pool: { select: { name: true, arrayId: true, backendName: true } },
  attachments: { where: { status: "attached" }, select: { id: true, instanceId: true, device: true, createdAt: true, instance: { select: { host: { select: { name: true } } } } } },
} satisfies Prisma.VolumeInclude;
type VolumeRow = Prisma.VolumeGetPayload<{ include: typeof volumeInclude }>;

function volumeView(ctx: Ctx, v: VolumeRow, detail: boolean) {
  const base = { id: v.id, name: v.name, links: links(ctx, `volumes/${v.id}`) };
  if (!detail) return base;
  return {
    ...base,
    status: v.status,
    size: v.sizeGb,
    availability_zone: v.azId,
    created_at: cinderTime(v.createdAt),
    updated_at: cinderTime(v.updatedAt),
    description: v.description || null,
    volume_type: v.volumeType.name,
    snapshot_id: v.sourceSnapshotId,
    source_volid: null,
    bootable: String(v.bootable),
    encrypted: false,
    multiattach: false,
    replication_status: null,
    consistencygroup_id: null,
    metadata: {},
    user_id: v.userId,
    "os-vol-tenant-attr:tenant_id": v.projectId,
    attachments: v.attachments.map((a) => ({ id: v.id, attachment_id: a.id, volume_id: v.id, server_id: a.instanceId, host_name: ctx.admin ? (a.instance.host?.name ?? null) : null, device: a.device, attached_at: cinderTime(a.createdAt) })),
    ...(v.sourceImageId ? { volume_image_metadata: { image_id: v.sourceImageId } } : {}),
    // The pool is the storage administrators' (Cinder's default policy shows the host to administrators).
    ...(ctx.admin ? { "os-vol-host-attr:host": v.pool ? cinderPoolName(v.pool) : null, "os-vol-mig-status-attr:migstat": null, "os-vol-mig-status-attr:name_id": null } : {}),
  };
}

async function volumePage(ctx: Ctx, detail: boolean) {
  const q = ctx.url.searchParams;
  const { limit, marker } = paging(ctx);
  const all = ctx.admin && truthy(q.get("all_tenants"));
  const where: Prisma.VolumeWhereInput = {
    deletedAt: null,
    ...(all ? (q.get("project_id") ? { projectId: q.get("project_id") as string } : {}) : { projectId: ctx.project }),
    ...(q.get("name") ? { name: q.get("name") as string } : {}),
    ...(q.get("status") ? { status: q.get("status") as string } : {}),
    ...(q.get("availability_zone") ? { azId: q.get("availability_zone") as string } : {}),
  };
  if (marker) {
    const m = await dbReader.volume.findFirst({ where: { ...where, id: marker }, select: { id: true, createdAt: true } });
    if (!m) throw new OpenStackError(404, `Marker ${marker} could not be found.`);
    where.AND = [{ OR: [{ createdAt: { lt: m.createdAt } }, { createdAt: m.createdAt, id: { lt: m.id } }] }];
  }
  const rows = await dbReader.volume.findMany({ where, include: volumeInclude, orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: limit + 1 });
  const page = rows.slice(0, limit);
  const next = rows.length > limit && page.length ? `${root(ctx)}/${detail ? "volumes/detail" : "volumes"}?${new URLSearchParams({ ...Object.fromEntries(q), limit: String(limit), marker: page.at(-1)?.id ?? "" }).toString()}` : null;
  return { volumes: page.map((v) => volumeView(ctx, v, detail)), ...(next ? { volumes_links: [{ rel: "next", href: next }] } : {}) };
}

async function oneVolume(ctx: Ctx, id: string): Promise<VolumeRow> {
  const v = await dbReader.volume.findFirst({ where: { id, deletedAt: null }, include: volumeInclude });
  // Another project's volume is not found (an administrator names any).
  if (!v || (!ctx.admin && v.projectId !== ctx.project)) throw new OpenStackError(404, `Volume ${id} could not be found.`);
  return v;
}

/** Cinder's create body as the console's volume input: the type by name or id (default: the first the project may use), the AZ (default: the project's first). */
async function createVolume(ctx: Ctx) {
  const v = (await readJson(ctx.req, cinderVolumeCreate)).volume;
  if (v.source_volid) throw new OpenStackError(400, "Cloning a volume is not supported: snapshot it and create the volume from the snapshot.");
  if (v.metadata && Object.keys(v.metadata).length) throw new OpenStackError(400, "Volume metadata is not kept by this cloud: create the volume without it.");
  if (v.multiattach) throw new OpenStackError(400, "Multi-attach volumes are not offered by this cloud's volume types.");
  const types = await listVolumeTypes(ctx.actor);
  const type = v.volume_type ? types.find((t) => t.id === v.volume_type || t.name === v.volume_type) : v.snapshot_id ? undefined : types[0];
  if (v.volume_type && !type) throw new OpenStackError(404, `Volume type with name ${v.volume_type} could not be found.`);
  const project = await dbReader.project.findUniqueOrThrow({ where: { id: ctx.project } });
  const input = createVolumeInput.parse({
    name: v.name ?? `volume-${Date.now().toString(36)}`,
    ...(v.description ? { description: v.description } : {}),
    az: v.snapshot_id ? v.availability_zone : (v.availability_zone ?? (await defaultAz(project))),
    volumeTypeId: type?.id,
    sizeGb: v.size,
    projectId: ctx.project,
    imageId: v.imageRef ?? undefined,
    snapshotId: v.snapshot_id ?? undefined,
  });
  const { ids } = await createVolumes(ctx.actor, input);
  return json({ volume: volumeView(ctx, await oneVolume(ctx, ids[0] as string), true) }, 202);
}

// ------------------------------------------------------------------------------------ snapshots

type SnapshotRow = Prisma.VolumeSnapshotGetPayload<object>;
const snapshotView = (s: SnapshotRow) => ({ id: s.id, name: s.name, description: s.description || null, volume_id: s.volumeId, status: s.status, size: s.sizeGb, created_at: cinderTime(s.createdAt), updated_at: cinderTime(s.updatedAt), metadata: {}, "os-extended-snapshot-attributes:project_id": s.projectId, "os-extended-snapshot-attributes:progress": s.status === "available" ? "100%" : "0%" });

async function oneSnapshot(ctx: Ctx, id: string): Promise<SnapshotRow> {
  const s = await dbReader.volumeSnapshot.findFirst({ where: { id, deletedAt: null } });
  if (!s || (!ctx.admin && s.projectId !== ctx.project)) throw new OpenStackError(404, `Snapshot ${id} could not be found.`);
  return s;
}

/**
 * The project's snapshots (every project's for an administrator with `all_tenants`); the summary
 * list leaves out the extended attributes, which Cinder adds to show and detail only.
 */
async function listSnapshots(ctx: Ctx, detail: boolean) {
  const rows = await dbReader.volumeSnapshot.findMany({ where: { deletedAt: null, ...(ctx.admin && truthy(ctx.url.searchParams.get("all_tenants")) ? {} : { projectId: ctx.project }) }, orderBy: [{ createdAt: "desc" }, { id: "desc" }] });
  return json({
    snapshots: rows.map((s) => {
      const view: Partial<ReturnType<typeof snapshotView>> = snapshotView(s);
      if (!detail) for (const k of ["os-extended-snapshot-attributes:project_id", "os-extended-snapshot-attributes:progress"] as const) delete view[k];
      return view;
    }),
  });
}

// ------------------------------------------------------------------------------------ the rest

const adminOnly = (ctx: Ctx, rule: string) => {
  if (!ctx.admin) throw new OpenStackError(403, `Policy doesn't allow ${rule} to be performed.`);
};

const typeView = (t: { id: string; name: string; description: string; isPublic: boolean; extraSpecs: Record<string, string> }, admin: boolean) => ({ id: t.id, name: t.name, description: t.description || null, is_public: t.isPublic, "os-volume-type-access:is_public": t.isPublic, qos_specs_id: null, ...(admin ? { extra_specs: t.extraSpecs } : {}) });

async function quotaSet(projectId: string, usage: boolean) {
  const q = await projectQuota(projectId);
  const one = (r: "volumes" | "gigabytes" | "snapshots") => (usage ? { limit: q(r).limit, in_use: q(r).used, reserved: 0, allocated: 0 } : q(r).limit);
  return { id: projectId, volumes: one("volumes"), gigabytes: one("gigabytes"), snapshots: one("snapshots"), backups: usage ? { limit: 0, in_use: 0, reserved: 0, allocated: 0 } : 0, backup_gigabytes: usage ? { limit: 0, in_use: 0, reserved: 0, allocated: 0 } : 0, groups: usage ? { limit: 0, in_use: 0, reserved: 0, allocated: 0 } : 0, per_volume_gigabytes: -1 };
}

const P = "/v3/:project";

export const VOLUME_ROUTES: RouteDef<Ctx>[] = [
  { method: "GET", path: `${P}/volumes/detail`, handle: async (ctx) => json(await volumePage(ctx, true)) },
  { method: "GET", path: `${P}/volumes`, handle: async (ctx) => json(await volumePage(ctx, false)) },
  { method: "GET", path: `${P}/volumes/:id`, handle: async (ctx, p) => json({ volume: volumeView(ctx, await oneVolume(ctx, p.id as string), true) }) },
  { method: "POST", path: `${P}/volumes`, handle: createVolume },
  {
    method: "DELETE",
    path: `${P}/volumes/:id`,
    handle: async (ctx, p) => {
      await deleteVolume(ctx.actor, (await oneVolume(ctx, p.id as string)).id);
      return new Response(null, { status: 202 });
    },
  },
  {
    method: "POST",
    path: `${P}/volumes/:id/action`,
    handle: async (ctx, p) => {
      const body = await readJson(ctx.req, cinderVolumeAction);
      const v = await oneVolume(ctx, p.id as string);
      if ("os-extend" in body) await extendVolume(ctx.actor, v.id, body["os-extend"].new_size);
      return new Response(null, { status: 202 });
    },
  },
  { method: "GET", path: `${P}/types`, handle: async (ctx) => json({ volume_types: (await listVolumeTypes(ctx.actor)).map((t) => typeView(t, ctx.admin)) }) },
  {
    method: "GET",
    path: `${P}/types/default`,
    handle: async (ctx) => {
      const first = (await listVolumeTypes(ctx.actor))[0];
      if (!first) throw new OpenStackError(404, "Default volume type can not be found.");
      return json({ volume_type: typeView(first, ctx.admin) });
    },
  },
  {
    method: "GET",
    path: `${P}/types/:id`,
    handle: async (ctx, p) => {
      const t = (await listVolumeTypes(ctx.actor)).find((x) => x.id === p.id || x.name === p.id);
      if (!t) throw new OpenStackError(404, `Volume type ${p.id} could not be found.`);
      return json({ volume_type: typeView(t, ctx.admin) });
    },
  },
  { method: "GET", path: `${P}/snapshots/detail`, handle: (ctx) => listSnapshots(ctx, true) },
  { method: "GET", path: `${P}/snapshots`, handle: (ctx) => listSnapshots(ctx, false) },
  { method: "GET", path: `${P}/snapshots/:id`, handle: async (ctx, p) => json({ snapshot: snapshotView(await oneSnapshot(ctx, p.id as string)) }) },
  {
    method: "POST",
    path: `${P}/snapshots`,
    handle: async (ctx) => {
      const s = (await readJson(ctx.req, cinderSnapshotCreate)).snapshot;
      const v = await oneVolume(ctx, s.volume_id);
      const { id } = await createSnapshot(ctx.actor, v.id, s.name ?? `snapshot-${Date.now().toString(36)}`);
      return json({ snapshot: snapshotView(await oneSnapshot(ctx, id)) }, 202);
    },
  },
  {
    method: "DELETE",
    path: `${P}/snapshots/:id`,
    handle: async (ctx, p) => {
      await deleteSnapshot(ctx.actor, (await oneSnapshot(ctx, p.id as string)).id);
      return new Response(null, { status: 202 });
    },
  },
  {
    method: "GET",
    path: `${P}/scheduler-stats/get_pools`,
    handle: async (ctx) => {
      adminOnly(ctx, "scheduler_extension:scheduler_stats:get_pools");
      const pools = await listPools(ctx.actor);
      const rows = await dbReader.storagePool.findMany({ select: { id: true, arrayId: true } });
      const arrayOf = new Map(rows.map((r) => [r.id, r.arrayId]));
      const detail = truthy(ctx.url.searchParams.get("detail"));
      return json({
        pools: pools.map((p) => {
          const name = cinderPoolName({ arrayId: arrayOf.get(p.id) ?? p.arrayId, backendName: p.backendName, name: p.name });
          if (!detail) return { name };
          return {
            name,
            capabilities: {
              pool_name: p.name,
              volume_backend_name: p.backendName,
              vendor_name: "Huawei",
              driver_version: "2.6.3",
              storage_protocol: p.protocol,
              total_capacity_gb: p.totalGb,
              free_capacity_gb: p.freeGb,
              allocated_capacity_gb: p.allocatedGb,
              provisioned_capacity_gb: p.allocatedGb,
              reserved_percentage: p.reservedPercentage,
              max_over_subscription_ratio: String(p.ratio),
              thin_provisioning_support: p.thinSupport,
              thick_provisioning_support: p.thickSupport,
              timestamp: p.lastHeartbeatAt,
              ...p.capabilities,
            },
          };
        }),
      });
    },
  },
  {
    method: "GET",
    path: `${P}/os-services`,
    handle: async (ctx) => {
      adminOnly(ctx, "volume_extension:services:index");
      const [pools, now, reportedAt] = await Promise.all([dbReader.storagePool.findMany({ orderBy: { name: "asc" } }), cloudNow(), lastServiceReport(dbReader, "volume")]);
      // One cinder-volume service per backend of an array, as Cinder registers host@backend.
      const services = new Map<string, { binary: string; host: string; zone: string; status: string; state: string; updated_at: string | null; disabled_reason: string | null }>();
      for (const p of pools) {
        const host = cinderPoolName(p).split("#")[0] as string;
        const up = isPoolUp(p, now, reportedAt);
        const prev = services.get(host);
        services.set(host, { binary: "cinder-volume", host, zone: p.azId, status: p.enabled || prev?.status === "enabled" ? "enabled" : "disabled", state: up || prev?.state === "up" ? "up" : "down", updated_at: cinderTime(p.serviceRunning ? reportedAt : p.lastHeartbeatAt), disabled_reason: p.disabledReason });
      }
      return json({ services: [...services.values()] });
    },
  },
  {
    method: "GET",
    path: `${P}/os-availability-zone`,
    handle: async () => json({ availabilityZoneInfo: (await dbReader.availabilityZone.findMany({ orderBy: { id: "asc" } })).map((a) => ({ zoneName: a.id, zoneState: { available: true } })) }),
  },
  {
    method: "GET",
    path: `${P}/os-quota-sets/:target`,
    handle: async (ctx, p) => {
      // A project reads its own quota; an administrator any project's.
      if (p.target !== ctx.token.projectId && !ctx.admin) throw new OpenStackError(403, "Policy doesn't allow volume_extension:quotas:show to be performed.");
      return json({ quota_set: await quotaSet(p.target as string, truthy(ctx.url.searchParams.get("usage"))) });
    },
  },
  {
    method: "GET",
    path: `${P}/limits`,
    handle: async (ctx) => {
      const q = await projectQuota(ctx.project);
      return json({ limits: { rate: [], absolute: { maxTotalVolumes: q("volumes").limit, maxTotalVolumeGigabytes: q("gigabytes").limit, maxTotalSnapshots: q("snapshots").limit, maxTotalBackups: 0, maxTotalBackupGigabytes: 0, totalVolumesUsed: q("volumes").used, totalGigabytesUsed: q("gigabytes").used, totalSnapshotsUsed: q("snapshots").used, totalBackupsUsed: 0, totalBackupGigabytesUsed: 0 } } });
    },
  },
];

function versionDoc(base: string) {
  return { id: "v3.0", status: "CURRENT", version: "3.0", min_version: "3.0", updated: "2022-09-01T00:00:00Z", links: [{ rel: "self", href: `${base}/openstack/volume/v3/` }], "media-types": [{ base: "application/json", type: "application/vnd.openstack.volume+json;version=3" }] };
}

/** Dispatch one request under /openstack/volume; every answer, errors included, in Cinder's shape. */
export async function volumeRequest(req: Request, segments: readonly string[]): Promise<Response> {
  const path = segments.length ? `/${segments.join("/")}` : "";
  const base = baseUrl(req);
  if (req.method === "GET" && (path === "" || path === "/")) return json({ versions: [versionDoc(base)] }, 300);
  if (req.method === "GET" && (path === "/v3" || path === "/v3/")) return json({ versions: [versionDoc(base)] });
  // Microversion 3.0 only: a request for another is refused as Cinder refuses what it does not have.
  const asked = req.headers.get("openstack-api-version")?.trim().toLowerCase();
  if (asked && asked.startsWith("volume ") && !["volume 3.0", "volume 3"].includes(asked)) {
    const v = asked.slice(7).trim();
    if (v !== "latest") return json(computeError(406, `Version ${v} is not supported by the API. Minimum is 3.0 and maximum is 3.0.`), 406);
  }
  const res = await dispatch(
    VOLUME_ROUTES,
    req,
    path,
    async () => {
      const ctx = await apiContext(req, base, { projectScoped: true });
      const project = segments[1] ?? "";
      // The URL's project is the token's, unless the caller administers the cloud.
      if (project !== ctx.token.projectId && !ctx.admin) throw new OpenStackError(403, `Policy doesn't allow access to project ${project} with a token for ${ctx.token.projectId}.`);
      return { ...ctx, project };
    },
    computeError,
    "volume",
    // Cinder: over quota is 413 overLimit; no pool for the volume is a bad request here (the console schedules when it accepts).
    { QUOTA_EXCEEDED: 413, NO_VALID_BACKEND: 400, NO_RESOURCE_SET: 400, AZ_NOT_ALLOWED: 400 },
  );
  res.headers.set("OpenStack-API-Version", "volume 3.0");
  return res;
}
