import "server-only";
import { computeError, MAX_MICROVERSION, MIN_MICROVERSION, negotiateMicroversion, novaStatus, POWER_STATE_CODE } from "@/lib/cloud/openstack/compute";
import { isoTime } from "@/lib/cloud/openstack/identity";
import { type Prisma } from "@/lib/generated/prisma/client";
import { dbReader } from "../db";
import { inBatches } from "../repositories/sql";
import { novaHostId } from "../nova-host-id";
import { isUp, lastComputeReport, lastHeartbeat } from "../repositories/hosts";
import { cloudNow } from "../services/clock";
import { addressOf } from "../queries/network";
import { OpenStackError } from "./errors";
import { apiContext, type ApiContext } from "./identity";
import { createServers, serverAction } from "./servers";
import { requestInstanceAction } from "../services/instances";
import { readJson } from "../read-json";
import { novaKeypairCreate, novaServerAction, novaServerCreate, novaServerGroupCreate, novaVolumeAttach } from "@/lib/schemas/openstack";
import { attachVolume, detachVolume } from "../services/volumes";
import { serverGroupInput } from "@/lib/schemas/instances";
import { keyPairInput } from "@/lib/schemas/key-pairs";
import { createServerGroup, deleteServerGroup } from "../services/server-groups";
import { createKeyPair, deleteKeyPair } from "../services/key-pairs";
import { projectQuota, ramMb } from "./quota";
import { baseUrl, dispatch, json, type RouteDef } from "./router";

// Nova's API (v2.1) over the console's compute: the same instances, flavors, hosts and scope. A
// token scoped to a project sees that project's servers; an administrator (Keystone role admin)
// adds all_tenants=1 to see every project's and reads the OS-EXT-SRV-ATTR fields. Read routes
// in this slice; the writes go through the console's services as they land (issue 16).

interface Ctx extends ApiContext {
  /** The negotiated microversion. */
  version: string;
}

const root = (ctx: Ctx) => `${ctx.base}/openstack/compute/v2.1`;
const selfLinks = (ctx: Ctx, path: string) => [
  { rel: "self", href: `${root(ctx)}/${path}` },
  { rel: "bookmark", href: `${ctx.base}/openstack/compute/${path}` },
];

function versionDoc(base: string) {
  return { id: "v2.1", status: "CURRENT", version: MAX_MICROVERSION, min_version: MIN_MICROVERSION, updated: "2013-07-23T11:33:21Z", links: [{ rel: "self", href: `${base}/openstack/compute/v2.1/` }], "media-types": [{ base: "application/json", type: "application/vnd.openstack.compute+json;version=2.1" }] };
}

/** Nova's paging: `limit` (at most osapi_max_limit, 1000) and `marker` (the last id of the previous page). */
function paging(ctx: Ctx): { limit: number; marker: string | null } {
  const raw = ctx.url.searchParams.get("limit");
  const limit = raw === null ? 1000 : Number(raw);
  if (!Number.isInteger(limit) || limit < 0) throw new OpenStackError(400, "limit param must be an integer");
  return { limit: Math.min(limit, 1000), marker: ctx.url.searchParams.get("marker") };
}

const truthy = (v: string | null) => v !== null && ["1", "true", "yes", "on", "t", "y"].includes(v.toLowerCase());

// ------------------------------------------------------------------------------------ servers

const serverInclude = { host: { select: { name: true } } } satisfies Prisma.InstanceInclude;
type ServerRow = Prisma.InstanceGetPayload<{ include: typeof serverInclude }>;

/** The page of servers a request asks for, in Nova's order (newest first), after the marker. */
async function serverPage(ctx: Ctx): Promise<{ rows: ServerRow[]; next: string | null }> {
  const { limit, marker } = paging(ctx);
  const all = ctx.admin && truthy(ctx.url.searchParams.get("all_tenants") ?? ctx.url.searchParams.get("all_projects"));
  const q = ctx.url.searchParams;
  const where: Prisma.InstanceWhereInput = {
    deletedAt: null,
    ...(all ? (q.get("project_id") || q.get("tenant_id") ? { projectId: (q.get("project_id") ?? q.get("tenant_id")) as string } : {}) : { projectId: ctx.token.projectId ?? "-" }),
    ...(q.get("name") ? { name: { contains: q.get("name") as string } } : {}),
    ...(q.get("host") && ctx.admin ? { host: { name: q.get("host") as string } } : {}),
    ...(q.get("flavor") ? { flavorId: q.get("flavor") as string } : {}),
    ...(q.get("image") ? { imageId: q.get("image") as string } : {}),
  };
  if (marker) {
    const m = await dbReader.instance.findFirst({ where: { ...where, id: marker }, select: { id: true, createdAt: true } });
    if (!m) throw new OpenStackError(400, `marker [${marker}] not found`);
    where.OR = [{ createdAt: { lt: m.createdAt } }, { createdAt: m.createdAt, id: { lt: m.id } }];
  }
  const status = q.get("status")?.toUpperCase();
  // Status is Nova's view of two columns: filtered after the read, as a page of the filtered list.
  const rows: ServerRow[] = [];
  let cursor: Prisma.InstanceWhereInput = where;
  for (;;) {
    const batch = await dbReader.instance.findMany({ where: cursor, include: serverInclude, orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: limit + 1 });
    rows.push(...batch.filter((r) => !status || novaStatus(r.vmState, r.taskState) === status));
    const last = batch.at(-1);
    if (!status || batch.length <= limit || rows.length > limit || !last) break;
    cursor = { ...where, AND: [{ OR: [{ createdAt: { lt: last.createdAt } }, { createdAt: last.createdAt, id: { lt: last.id } }] }] };
  }
  const page = rows.slice(0, limit);
  const more = rows.length > limit && page.length > 0;
  const params = new URLSearchParams(q);
  params.set("limit", String(limit));
  params.set("marker", page.at(-1)?.id ?? "");
  const list = ctx.url.pathname.endsWith("/detail") ? "servers/detail" : "servers";
  return { rows: page, next: more ? `${root(ctx)}/${list}?${params.toString()}` : null };
}

/** Each server's addresses, groups and volumes, read for the whole page at once. */
async function serverExtras(ids: readonly string[]) {
  const [ports, attachments] = await Promise.all([
    inBatches(ids, (batch) =>
      dbReader.port.findMany({
        where: { deviceId: { in: batch } },
        select: { id: true, deviceId: true, macAddress: true, vpc: { select: { name: true } }, externalNetwork: { select: { name: true } }, fixedIps: { select: { address: true, subnet: { select: { ipVersion: true } } } }, securityGroups: { select: { securityGroup: { select: { name: true } } } } },
        orderBy: { createdAt: "asc" },
      }),
    ),
    inBatches(ids, (batch) => dbReader.volumeAttachment.findMany({ where: { instanceId: { in: batch }, status: "attached" }, select: { instanceId: true, volumeId: true }, orderBy: { device: "asc" } })),
  ]);
  const eips = await inBatches(
    ports.map((p) => p.id),
    (batch) => dbReader.eip.findMany({ where: { fixedPortId: { in: batch } }, select: { fixedPortId: true, address: true } }),
  );
  const floating = new Map(eips.map((e) => [e.fixedPortId as string, e.address]));
  const addresses = new Map<string, Record<string, unknown[]>>();
  const groups = new Map<string, Set<string>>();
  for (const p of ports) {
    const id = p.deviceId as string;
    const net = p.vpc?.name ?? p.externalNetwork?.name ?? "network";
    const list = addresses.get(id) ?? {};
    for (const ip of p.fixedIps) (list[net] ??= []).push({ version: ip.subnet.ipVersion, addr: addressOf(ip), "OS-EXT-IPS:type": "fixed", "OS-EXT-IPS-MAC:mac_addr": p.macAddress });
    const fip = floating.get(p.id);
    if (fip) (list[net] ??= []).push({ version: 4, addr: fip, "OS-EXT-IPS:type": "floating", "OS-EXT-IPS-MAC:mac_addr": p.macAddress });
    addresses.set(id, list);
    const g = groups.get(id) ?? new Set<string>();
    for (const sg of p.securityGroups) g.add(sg.securityGroup.name);
    groups.set(id, g);
  }
  const volumes = new Map<string, { id: string }[]>();
  for (const a of attachments) volumes.set(a.instanceId, [...(volumes.get(a.instanceId) ?? []), { id: a.volumeId }]);
  return { addresses, groups, volumes };
}

function serverView(ctx: Ctx, i: ServerRow, extras: Awaited<ReturnType<typeof serverExtras>>) {
  const fault = i.fault as { code?: number | string; message?: string; details?: string } | null;
  const status = novaStatus(i.vmState, i.taskState);
  return {
    id: i.id,
    name: i.name,
    status,
    tenant_id: i.projectId,
    user_id: i.userId,
    metadata: {},
    hostId: novaHostId(i.projectId, i.host?.name),
    image: i.volumeBacked ? "" : { id: i.imageId, links: [{ rel: "bookmark", href: `${ctx.base}/openstack/compute/images/${i.imageId}` }] },
    flavor: { id: i.flavorId, links: [{ rel: "bookmark", href: `${ctx.base}/openstack/compute/flavors/${i.flavorId}` }] },
    created: isoSeconds(i.createdAt),
    updated: isoSeconds(i.updatedAt),
    addresses: extras.addresses.get(i.id) ?? {},
    accessIPv4: "",
    accessIPv6: "",
    links: selfLinks(ctx, `servers/${i.id}`),
    "OS-DCF:diskConfig": "MANUAL",
    progress: status === "BUILD" ? 0 : status === "ACTIVE" ? 100 : 0,
    "OS-EXT-AZ:availability_zone": i.azId,
    config_drive: "",
    key_name: i.keyName,
    "OS-SRV-USG:launched_at": nullableTime(i.launchedAt),
    "OS-SRV-USG:terminated_at": null,
    ...(ctx.admin ? { "OS-EXT-SRV-ATTR:host": i.host?.name ?? null, "OS-EXT-SRV-ATTR:instance_name": `instance-${i.id.slice(0, 8)}`, "OS-EXT-SRV-ATTR:hypervisor_hostname": i.host?.name ?? null } : {}),
    "OS-EXT-STS:task_state": i.taskState,
    "OS-EXT-STS:vm_state": i.vmState,
    "OS-EXT-STS:power_state": POWER_STATE_CODE[i.powerState] ?? 0,
    "os-extended-volumes:volumes_attached": extras.volumes.get(i.id) ?? [],
    security_groups: [...(extras.groups.get(i.id) ?? [])].sort().map((name) => ({ name })),
    // Nova shows the fault of an ERROR server (and, from 2.16, host_status; not in 2.1).
    ...(status === "ERROR" && fault ? { fault: { code: Number(fault.code) || 500, message: fault.message ?? "", created: isoSeconds(i.updatedAt), ...(ctx.admin && fault.details ? { details: fault.details } : {}) } } : {}),
  };
}

const isoSeconds = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, "Z");
/** Nova's service and usage times: microseconds, no zone ("2026-12-02T08:00:00.000000"). */
const nullableTime = (d: Date | null) => (d ? isoTime(d).replace("Z", "") : null);

async function serversDetail(ctx: Ctx) {
  const { rows, next } = await serverPage(ctx);
  const extras = await serverExtras(rows.map((r) => r.id));
  return { servers: rows.map((r) => serverView(ctx, r, extras)), ...(next ? { servers_links: [{ rel: "next", href: next }] } : {}) };
}

// ------------------------------------------------------------------------------------ flavors

type FlavorRow = { id: string; name: string; vcpus: number; ramMb: number; diskGb: number; ephemeralGb: number; swapMb: number; isPublic: boolean; extraSpecs: Prisma.JsonValue };

async function visibleFlavors(ctx: Ctx): Promise<FlavorRow[]> {
  // Public flavors, and the private ones granted to the token's project's VDC; an administrator sees every one.
  const project = ctx.token.projectId ? await dbReader.project.findUnique({ where: { id: ctx.token.projectId }, select: { vdcId: true } }) : null;
  return dbReader.flavor.findMany({ where: { deletedAt: null, ...(ctx.admin ? {} : { OR: [{ isPublic: true }, ...(project ? [{ access: { some: { vdcId: project.vdcId } } }] : [])] }) }, orderBy: [{ ramMb: "asc" }, { id: "asc" }] });
}

function flavorView(ctx: Ctx, f: FlavorRow, detail: boolean) {
  const base = { id: f.id, name: f.name, links: selfLinks(ctx, `flavors/${f.id}`) };
  if (!detail) return base;
  return { ...base, ram: f.ramMb, disk: f.diskGb, vcpus: f.vcpus, "OS-FLV-EXT-DATA:ephemeral": f.ephemeralGb, swap: f.swapMb || "", rxtx_factor: 1.0, "os-flavor-access:is_public": f.isPublic, "OS-FLV-DISABLED:disabled": false };
}

async function oneFlavor(ctx: Ctx, id: string): Promise<FlavorRow> {
  const f = (await visibleFlavors(ctx)).find((x) => x.id === id);
  if (!f) throw new OpenStackError(404, `Flavor ${id} could not be found.`);
  return f;
}

// ------------------------------------------------------------------------------------ quotas, server groups

/** Nova's quota set of a project, from its VDC's quota (a project reads its own; an administrator any). */
async function novaQuotaSet(ctx: Ctx, projectId: string, detail: boolean) {
  if (projectId !== ctx.token.projectId && !ctx.admin) throw new OpenStackError(403, "Policy doesn't allow os_compute_api:os-quota-sets:show to be performed.");
  if (!(await dbReader.project.findUnique({ where: { id: projectId }, select: { id: true } }))) throw new OpenStackError(404, `Project ${projectId} could not be found.`);
  const q = await projectQuota(projectId);
  const groups = await dbReader.serverGroup.count({ where: { projectId } });
  const keypairs = await dbReader.keyPair.count({ where: { userId: ctx.token.userId } });
  const one = (limit: number, used: number) => (detail ? { limit, in_use: used, reserved: 0 } : limit);
  return {
    id: projectId,
    instances: one(q("instances").limit, q("instances").used),
    cores: one(q("cores").limit, q("cores").used),
    ram: one(ramMb(q("ram_gb").limit), ramMb(q("ram_gb").used)),
    key_pairs: one(100, keypairs),
    server_groups: one(10, groups),
    server_group_members: one(10, 0),
    metadata_items: one(128, 0),
    injected_files: one(5, 0),
    injected_file_content_bytes: one(10240, 0),
    injected_file_path_bytes: one(255, 0),
  };
}

const serverGroupInclude = { members: { select: { instanceId: true } } } satisfies Prisma.ServerGroupInclude;
type ServerGroupRow = Prisma.ServerGroupGetPayload<{ include: typeof serverGroupInclude }>;
const serverGroupView = (g: ServerGroupRow) => ({ id: g.id, name: g.name, policies: [g.policy], members: g.members.map((m) => m.instanceId), metadata: {} });

async function oneServerGroup(ctx: Ctx, id: string): Promise<ServerGroupRow> {
  const g = await dbReader.serverGroup.findUnique({ where: { id }, include: serverGroupInclude });
  if (!g || (!ctx.admin && g.projectId !== ctx.token.projectId)) throw new OpenStackError(404, `Server group ${id} could not be found.`);
  return g;
}

// ------------------------------------------------------------------------------------ volume attachments, aggregates

/** A server of the token's project (any for an administrator), or Nova's 404. */
async function oneServer(ctx: Ctx, id: string): Promise<{ id: string; projectId: string }> {
  const row = await dbReader.instance.findFirst({ where: { id, deletedAt: null }, select: { id: true, projectId: true } });
  if (!row || (!ctx.admin && row.projectId !== ctx.token.projectId)) throw new OpenStackError(404, `Instance ${id} could not be found.`);
  return row;
}

/** os-volume_attachments as of 2.1: the attachment's id is the volume's. */
const attachmentView = (a: { volumeId: string; instanceId: string; device: string }) => ({ id: a.volumeId, serverId: a.instanceId, volumeId: a.volumeId, device: a.device });

const aggregateInclude = { members: { select: { host: { select: { name: true } } } } } satisfies Prisma.HostGroupInclude;
type AggregateRow = Prisma.HostGroupGetPayload<{ include: typeof aggregateInclude }>;
/** A host group is a Nova aggregate whose metadata carries its AZ (availability_zone), as Nova keeps it. */
function aggregateView(g: AggregateRow, index: number) {
  const metadata = { ...((g.metadata ?? {}) as Record<string, string>), availability_zone: g.azId };
  // Nova numbers aggregates; the host group's own id is the aggregate's uuid.
  return { id: index + 1, uuid: g.id, name: g.name, availability_zone: g.azId, hosts: g.members.map((m) => m.host.name).sort(), metadata, created_at: null, updated_at: null, deleted_at: null, deleted: false };
}

// ------------------------------------------------------------------------------------ routes

/** os-hypervisors/detail as of 2.1: the host's capacity and use as the scheduler counts them. */
async function hypervisors(ctx: Ctx) {
  adminOnly(ctx, "os_compute_api:os-hypervisors:list-detail");
  const [hosts, now, reportedAt] = await Promise.all([dbReader.host.findMany({ orderBy: { name: "asc" } }), cloudNow(), lastComputeReport(dbReader)]);
  return hosts.map((h, i) => ({
    id: i + 1,
    hypervisor_hostname: h.name,
    state: isUp(h, now, reportedAt) ? "up" : "down",
    status: h.enabled ? "enabled" : "disabled",
    hypervisor_type: "QEMU",
    hypervisor_version: h.hypervisorVersion,
    host_ip: h.ip,
    vcpus: h.vcpus,
    memory_mb: h.memoryMb,
    local_gb: h.localDiskGb,
    vcpus_used: h.vcpusUsed,
    memory_mb_used: h.memoryMbUsed,
    local_gb_used: h.diskGbUsed,
    free_ram_mb: h.memoryMb - h.memoryMbUsed,
    free_disk_gb: h.localDiskGb - h.diskGbUsed,
    current_workload: 0,
    running_vms: h.instanceCount,
    disk_available_least: h.localDiskGb - h.diskGbUsed,
    cpu_info: JSON.stringify({ arch: h.architecture, ...(JSON.parse(h.cpuInfo || "{}") as Record<string, unknown>) }),
    service: { host: h.name, id: i + 1, disabled_reason: h.disabledReason },
  }));
}

const adminOnly = (ctx: Ctx, rule: string) => {
  if (!ctx.admin) throw new OpenStackError(403, `Policy doesn't allow ${rule} to be performed.`);
};

export const COMPUTE_ROUTES: RouteDef<Ctx>[] = [
  { method: "GET", path: "/v2.1/servers/detail", handle: async (ctx) => json(await serversDetail(ctx)) },
  {
    method: "GET",
    path: "/v2.1/servers",
    handle: async (ctx) => {
      // The short list: the page's ids and names, without the detail's addresses and volumes.
      const { rows, next } = await serverPage(ctx);
      return json({ servers: rows.map((s) => ({ id: s.id, name: s.name, links: selfLinks(ctx, `servers/${s.id}`) })), ...(next ? { servers_links: [{ rel: "next", href: next }] } : {}) });
    },
  },
  {
    method: "GET",
    path: "/v2.1/servers/:id",
    handle: async (ctx, params) => {
      const row = await dbReader.instance.findFirst({ where: { id: params.id, deletedAt: null }, include: serverInclude });
      // Another project's server is not found, for an administrator too unless it names it (as Nova).
      if (!row || (!ctx.admin && row.projectId !== ctx.token.projectId)) throw new OpenStackError(404, `Instance ${params.id} could not be found.`);
      return json({ server: serverView(ctx, row, await serverExtras([row.id])) });
    },
  },
  {
    method: "POST",
    path: "/v2.1/servers",
    handle: async (ctx) => {
      const made = await createServers(ctx.actor, ctx.token.projectId as string, await readJson(ctx.req, novaServerCreate));
      const links = selfLinks(ctx, `servers/${made.id}`);
      return json({ server: { id: made.id, links, "OS-DCF:diskConfig": "MANUAL", security_groups: made.groups.map((name) => ({ name })), ...(made.adminPass ? { adminPass: made.adminPass } : {}) } }, 202, { Location: links[0]?.href ?? "" });
    },
  },
  {
    method: "DELETE",
    path: "/v2.1/servers/:id",
    handle: async (ctx, params) => {
      await requestInstanceAction(ctx.actor, params.id as string, "delete");
      return new Response(null, { status: 204 });
    },
  },
  {
    method: "POST",
    path: "/v2.1/servers/:id/action",
    handle: async (ctx, params) => {
      const body = await readJson(ctx.req, novaServerAction);
      const [name, arg] = Object.entries(body)[0] as [string, unknown];
      const done = await serverAction(ctx.actor, params.id as string, name, arg);
      // createImage answers with the new image's location (its id in the body only from 2.45).
      if (done.imageId) return new Response(null, { status: 202, headers: { Location: `${ctx.base}/openstack/image/v2/images/${done.imageId}` } });
      return new Response(null, { status: 202 });
    },
  },
  {
    method: "GET",
    path: "/v2.1/servers/:id/os-volume_attachments",
    handle: async (ctx, p) => {
      const server = await oneServer(ctx, p.id as string);
      const rows = await dbReader.volumeAttachment.findMany({ where: { instanceId: server.id, status: "attached" }, orderBy: { device: "asc" } });
      return json({ volumeAttachments: rows.map(attachmentView) });
    },
  },
  {
    method: "GET",
    path: "/v2.1/servers/:id/os-volume_attachments/:volume",
    handle: async (ctx, p) => {
      const server = await oneServer(ctx, p.id as string);
      const row = await dbReader.volumeAttachment.findFirst({ where: { instanceId: server.id, volumeId: p.volume as string, status: { in: ["attached", "attaching"] } } });
      if (!row) throw new OpenStackError(404, `Volume ${p.volume} is not attached to ${server.id}.`);
      return json({ volumeAttachment: attachmentView(row) });
    },
  },
  {
    method: "POST",
    path: "/v2.1/servers/:id/os-volume_attachments",
    handle: async (ctx, p) => {
      const a = (await readJson(ctx.req, novaVolumeAttach)).volumeAttachment;
      const server = await oneServer(ctx, p.id as string);
      // The device is the next free virtio name, as Nova's libvirt driver picks it whatever is asked.
      const { device } = await attachVolume(ctx.actor, a.volumeId, server.id);
      return json({ volumeAttachment: { id: a.volumeId, serverId: server.id, volumeId: a.volumeId, device } });
    },
  },
  {
    method: "DELETE",
    path: "/v2.1/servers/:id/os-volume_attachments/:volume",
    handle: async (ctx, p) => {
      const server = await oneServer(ctx, p.id as string);
      const row = await dbReader.volumeAttachment.findFirst({ where: { instanceId: server.id, volumeId: p.volume as string, status: "attached" } });
      if (!row) throw new OpenStackError(404, `Volume ${p.volume} is not attached to ${server.id}.`);
      await detachVolume(ctx.actor, row.volumeId);
      return new Response(null, { status: 202 });
    },
  },
  {
    method: "GET",
    path: "/v2.1/os-aggregates",
    handle: async (ctx) => {
      adminOnly(ctx, "os_compute_api:os-aggregates:index");
      return json({ aggregates: (await dbReader.hostGroup.findMany({ include: aggregateInclude, orderBy: { name: "asc" } })).map((g, i) => aggregateView(g, i)) });
    },
  },
  {
    method: "GET",
    path: "/v2.1/os-aggregates/:id",
    handle: async (ctx, p) => {
      adminOnly(ctx, "os_compute_api:os-aggregates:show");
      const groups = await dbReader.hostGroup.findMany({ include: aggregateInclude, orderBy: { name: "asc" } });
      const i = groups.findIndex((x, n) => String(n + 1) === p.id || x.id === p.id);
      if (i < 0) throw new OpenStackError(404, `Aggregate ${p.id} could not be found.`);
      return json({ aggregate: aggregateView(groups[i] as AggregateRow, i) });
    },
  },
  {
    method: "GET",
    path: "/v2.1/flavors/detail",
    handle: async (ctx) => json({ flavors: (await visibleFlavors(ctx)).map((f) => flavorView(ctx, f, true)) }),
  },
  { method: "GET", path: "/v2.1/flavors", handle: async (ctx) => json({ flavors: (await visibleFlavors(ctx)).map((f) => flavorView(ctx, f, false)) }) },
  { method: "GET", path: "/v2.1/flavors/:id", handle: async (ctx, params) => json({ flavor: flavorView(ctx, await oneFlavor(ctx, params.id as string), true) }) },
  { method: "GET", path: "/v2.1/flavors/:id/os-extra_specs", handle: async (ctx, params) => json({ extra_specs: ((await oneFlavor(ctx, params.id as string)).extraSpecs ?? {}) as Record<string, string> }) },
  {
    method: "GET",
    path: "/v2.1/os-availability-zone",
    handle: async () => {
      const azs = await dbReader.availabilityZone.findMany({ orderBy: { id: "asc" } });
      return json({ availabilityZoneInfo: azs.map((a) => ({ zoneName: a.id, zoneState: { available: true }, hosts: null })) });
    },
  },
  {
    method: "GET",
    path: "/v2.1/os-services",
    handle: async (ctx) => {
      adminOnly(ctx, "os_compute_api:os-services:list");
      const [hosts, now, reportedAt] = await Promise.all([dbReader.host.findMany({ orderBy: { name: "asc" }, select: { name: true, azId: true, enabled: true, disabledReason: true, serviceRunning: true, networkLost: true, lastHeartbeatAt: true } }), cloudNow(), lastComputeReport(dbReader)]);
      return json({
        services: hosts.map((h, i) => ({ id: i + 1, binary: "nova-compute", host: h.name, zone: h.azId, status: h.enabled ? "enabled" : "disabled", state: isUp(h, now, reportedAt) ? "up" : "down", updated_at: nullableTime(lastHeartbeat(h, reportedAt)), disabled_reason: h.disabledReason, forced_down: false })),
      });
    },
  },
  { method: "GET", path: "/v2.1/os-hypervisors", handle: async (ctx) => json({ hypervisors: (await hypervisors(ctx)).map((h) => ({ id: h.id, hypervisor_hostname: h.hypervisor_hostname, state: h.state, status: h.status })) }) },
  { method: "GET", path: "/v2.1/os-hypervisors/detail", handle: async (ctx) => json({ hypervisors: await hypervisors(ctx) }) },
  {
    method: "GET",
    path: "/v2.1/os-hypervisors/:id",
    handle: async (ctx, params) => {
      const h = (await hypervisors(ctx)).find((x) => String(x.id) === params.id);
      if (!h) throw new OpenStackError(404, `Hypervisor with ID ${params.id} could not be found.`);
      return json({ hypervisor: h });
    },
  },
  {
    method: "GET",
    path: "/v2.1/os-hypervisors/:id/uptime",
    handle: async (ctx, params) => {
      const h = (await hypervisors(ctx)).find((x) => String(x.id) === params.id);
      if (!h) throw new OpenStackError(404, `Hypervisor with ID ${params.id} could not be found.`);
      // The emulated hypervisor keeps no boot time: Nova answers so for a virt driver without uptime.
      throw new OpenStackError(501, "Virt driver does not implement uptime function.");
    },
  },
  {
    method: "GET",
    path: "/v2.1/os-availability-zone/detail",
    handle: async (ctx) => {
      adminOnly(ctx, "os_compute_api:os-availability-zone:detail");
      const [azs, hosts, now, reportedAt] = await Promise.all([dbReader.availabilityZone.findMany({ orderBy: { id: "asc" } }), dbReader.host.findMany({ orderBy: { name: "asc" }, select: { name: true, azId: true, enabled: true, serviceRunning: true, networkLost: true, lastHeartbeatAt: true } }), cloudNow(), lastComputeReport(dbReader)]);
      return json({
        availabilityZoneInfo: azs.map((a) => ({
          zoneName: a.id,
          zoneState: { available: true },
          hosts: Object.fromEntries(hosts.filter((h) => h.azId === a.id).map((h) => [h.name, { "nova-compute": { available: isUp(h, now, reportedAt), active: h.enabled, updated_at: nullableTime(lastHeartbeat(h, reportedAt)) } }])),
        })),
      });
    },
  },
  {
    method: "GET",
    path: "/v2.1/limits",
    handle: async (ctx) => {
      const q = await projectQuota(ctx.token.projectId as string);
      const groups = await dbReader.serverGroup.count({ where: { projectId: ctx.token.projectId as string } });
      return json({ limits: { rate: [], absolute: { maxTotalInstances: q("instances").limit, maxTotalCores: q("cores").limit, maxTotalRAMSize: ramMb(q("ram_gb").limit), maxServerMeta: 128, maxPersonality: 5, maxPersonalitySize: 10240, maxImageMeta: 128, maxTotalKeypairs: 100, maxServerGroups: 10, maxServerGroupMembers: 10, maxSecurityGroups: q("security_groups").limit, maxSecurityGroupRules: q("security_group_rules").limit, maxTotalFloatingIps: q("eips").limit, totalInstancesUsed: q("instances").used, totalCoresUsed: q("cores").used, totalRAMUsed: ramMb(q("ram_gb").used), totalServerGroupsUsed: groups, totalSecurityGroupsUsed: q("security_groups").used, totalFloatingIpsUsed: q("eips").used } } });
    },
  },
  {
    method: "GET",
    path: "/v2.1/os-quota-sets/:target",
    handle: async (ctx, p) => json({ quota_set: await novaQuotaSet(ctx, p.target as string, false) }),
  },
  {
    method: "GET",
    path: "/v2.1/os-quota-sets/:target/detail",
    handle: async (ctx, p) => json({ quota_set: await novaQuotaSet(ctx, p.target as string, true) }),
  },
  {
    method: "GET",
    path: "/v2.1/os-quota-sets/:target/defaults",
    handle: async (ctx, p) => json({ quota_set: await novaQuotaSet(ctx, p.target as string, false) }),
  },
  {
    method: "GET",
    path: "/v2.1/os-server-groups",
    handle: async (ctx) => {
      const all = ctx.admin && truthy(ctx.url.searchParams.get("all_projects"));
      const groups = await dbReader.serverGroup.findMany({ where: all ? {} : { projectId: ctx.token.projectId as string }, include: { members: { select: { instanceId: true } } }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
      return json({ server_groups: groups.map(serverGroupView) });
    },
  },
  {
    method: "GET",
    path: "/v2.1/os-server-groups/:id",
    handle: async (ctx, p) => json({ server_group: serverGroupView(await oneServerGroup(ctx, p.id as string)) }),
  },
  {
    method: "POST",
    path: "/v2.1/os-server-groups",
    handle: async (ctx) => {
      const g = (await readJson(ctx.req, novaServerGroupCreate)).server_group;
      const { id } = await createServerGroup(ctx.actor, { name: serverGroupInput.parse({ name: g.name, policy: g.policies[0] }).name, policy: g.policies[0], projectId: ctx.token.projectId as string });
      return json({ server_group: serverGroupView(await oneServerGroup(ctx, id)) });
    },
  },
  {
    method: "DELETE",
    path: "/v2.1/os-server-groups/:id",
    handle: async (ctx, p) => {
      await deleteServerGroup(ctx.actor, (await oneServerGroup(ctx, p.id as string)).id);
      return new Response(null, { status: 204 });
    },
  },
  {
    method: "POST",
    path: "/v2.1/os-keypairs",
    handle: async (ctx) => {
      const k = (await readJson(ctx.req, novaKeypairCreate)).keypair;
      if (k.type === "x509") throw new OpenStackError(400, "x509 key pairs are not supported: this cloud's guests log in with SSH keys.");
      const made = await createKeyPair(ctx.actor, keyPairInput.parse({ name: k.name, kind: k.public_key ? "import" : "generate", publicKey: k.public_key }));
      const row = await dbReader.keyPair.findUniqueOrThrow({ where: { id: made.id } });
      return json({ keypair: { name: row.name, public_key: row.publicKey, fingerprint: row.fingerprint, user_id: ctx.token.userId, ...(made.privateKey ? { private_key: made.privateKey } : {}) } });
    },
  },
  {
    method: "GET",
    path: "/v2.1/os-keypairs/:name",
    handle: async (ctx, p) => {
      const k = await dbReader.keyPair.findUnique({ where: { userId_name: { userId: ctx.token.userId, name: p.name as string } } });
      if (!k) throw new OpenStackError(404, `Keypair ${p.name} not found for user ${ctx.token.userId}`);
      return json({ keypair: { name: k.name, public_key: k.publicKey, fingerprint: k.fingerprint, user_id: k.userId, id: 0, deleted: false, created_at: nullableTime(k.createdAt), updated_at: null, deleted_at: null } });
    },
  },
  {
    method: "DELETE",
    path: "/v2.1/os-keypairs/:name",
    handle: async (ctx, p) => {
      const k = await dbReader.keyPair.findUnique({ where: { userId_name: { userId: ctx.token.userId, name: p.name as string } } });
      if (!k) throw new OpenStackError(404, `Keypair ${p.name} not found for user ${ctx.token.userId}`);
      await deleteKeyPair(ctx.actor, k.id);
      return new Response(null, { status: 202 });
    },
  },
  {
    method: "GET",
    path: "/v2.1/os-keypairs",
    handle: async (ctx) => {
      const keys = await dbReader.keyPair.findMany({ where: { userId: ctx.token.userId }, orderBy: { name: "asc" } });
      return json({ keypairs: keys.map((k) => ({ keypair: { name: k.name, public_key: k.publicKey, fingerprint: k.fingerprint } })) });
    },
  },
];

/** Dispatch one request under /openstack/compute; every answer, errors included, in Nova's shape. */
export async function computeRequest(req: Request, segments: readonly string[]): Promise<Response> {
  const path = segments.length ? `/${segments.join("/")}` : "";
  const base = baseUrl(req);
  // Version discovery needs no token.
  if (req.method === "GET" && (path === "" || path === "/")) return json({ versions: [versionDoc(base)] }, 300);
  if (req.method === "GET" && (path === "/v2.1" || path === "/v2.1/")) return json({ version: versionDoc(base) });
  const negotiated = negotiateMicroversion({ nova: req.headers.get("x-openstack-nova-api-version"), generic: req.headers.get("openstack-api-version") });
  if (!negotiated.ok) return json(computeError(negotiated.status, negotiated.message), negotiated.status);
  const res = await dispatch(
    COMPUTE_ROUTES,
    req,
    path,
    async () => ({ ...(await apiContext(req, base, { projectScoped: true })), version: negotiated.version }),
    computeError,
    "compute",
    // Nova: over quota is 403 Forbidden; no host for the request is a bad request here, because this
    // console places a server when it accepts it (Nova would accept it and let it go to ERROR).
    { QUOTA_EXCEEDED: 403, NO_VALID_HOST: 400, NO_RESOURCE_SET: 400, AZ_NOT_ALLOWED: 400 },
  );
  res.headers.set("X-OpenStack-Nova-API-Version", negotiated.version);
  res.headers.set("OpenStack-API-Version", `compute ${negotiated.version}`);
  res.headers.set("Vary", "OpenStack-API-Version, X-OpenStack-Nova-API-Version");
  return res;
}
