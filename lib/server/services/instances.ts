import "server-only";
import { randomUUID } from "node:crypto";
import { ADMIN_ONLY_ACTIONS, allowed, onHost, scheduleBatch, wantsHugePages, requestSpecFor, type InstanceAction, type PowerState, type SimpleAction, type VmState } from "@/lib/cloud/compute";
import { DomainError, InvalidStateError, NotFoundError, seededRandom, hashString } from "@/lib/cloud/shared";
import { addDemand, instanceDemand, volumeDemand } from "@/lib/cloud/quota";
import { nextDevice, ROOT_DEVICE } from "@/lib/cloud/storage";
import type { DiskSpec } from "@/lib/schemas/disks";
import { insertPlannedVolumes, planVolumes, type VolumePlan } from "./volumes";
import { insertInstancePorts, networkDemand, planLaunchNetworks, readyLaunchNetworks } from "./ports";
import { firstStep, taskTypeFor, type TaskType } from "@/lib/cloud/tasks";
import type { LaunchInput } from "@/lib/schemas/instances";
import { db, dbReader, type Tx } from "../db";
import { assertInScope, inScope, requirePermission, type Actor } from "../auth/actor";
import { isUp, lastComputeReport } from "../repositories/hosts";
import { cachedHostStates } from "../repositories/host-cache";
import { claimBatch } from "../repositories/placement";
import { serverGroupSpec } from "../repositories/server-groups";
import { queueTask } from "../repositories/tasks";
import { findRow, insertRow, sqlRun } from "../repositories/sql";
import type { AvailabilityZone, Flavor, FlavorAccess, Project, ResourceSet } from "@/lib/generated/prisma/client";
import { beginConfirm } from "../repositories/migrations";
import { reserveQuota, vdcChain } from "../repositories/quota";
import { audited } from "./audit";
import { usableImage } from "../repositories/images";
import { loadSettings } from "../repositories/settings";
import { cloudNow } from "./clock";

/** `az:host` (Nova's forced host, for administrators) -> the AZ and the host name. */
export function parseAzHost(az: string): { az: string; host: string | null } {
  const i = az.indexOf(":");
  return i < 0 ? { az, host: null } : { az: az.slice(0, i), host: az.slice(i + 1) || null };
}

/** Nova refuses a flavor smaller than what the image needs. */
export function checkFlavorFitsImage(flavor: { diskGb: number; ramMb: number }, image: { minDiskGb: number; minRamMb: number }): void {
  if (flavor.diskGb < image.minDiskGb)
    throw new DomainError("INVALID_INPUT", "flavor disk below image minimum", { reason: "disk_below_image_min", flavorDisk: flavor.diskGb, imageMinDisk: image.minDiskGb });
  if (flavor.ramMb < image.minRamMb)
    throw new DomainError("INVALID_INPUT", "flavor RAM below image minimum", { reason: "ram_below_image_min", flavorRam: flavor.ramMb, imageMinRam: image.minRamMb });
}

/** A flavor the project's VDC may use: public, or private and shared with it (Nova's flavor access). */
export async function usableFlavor(flavorId: string, vdcId: string) {
  const flavor = await findRow<Flavor>(dbReader, "Flavor", { id: flavorId, deletedAt: null });
  if (!flavor) throw new NotFoundError("flavor", flavorId);
  if (!flavor.isPublic && !(await findRow<FlavorAccess>(dbReader, "FlavorAccess", { flavorId: flavor.id, vdcId }))) throw new NotFoundError("flavor", flavorId);
  return flavor;
}

/**
 * Launch an ECS: validate, check the VDC's resource set, reserve quota along the VDC chain,
 * schedule, claim the host and create the instance with its build task, all in one transaction.
 * If the quota or no host fits, nothing is written and the caller learns why. An approved order
 * (services/orders.ts) launches with `quotaHeld`: it reserved the quota when it was submitted.
 */
/** Run inside an operation's own transaction (an order records its progress there, exactly once). */
export type Within = (tx: Tx, ids: string[]) => Promise<void>;

export async function launchInstance(actor: Actor, input: LaunchInput, opts: { quotaHeld?: boolean; productId?: string; within?: Within; passwordLogin?: boolean } = {}): Promise<{ id: string; ids: string[] }> {
  const plan = await planLaunch(actor, input);
  const { project, flavor, image, az, chain, group, key, req, forceHost, hugePagesMb } = plan;
  // The password itself goes no further than this request: the emulated guest needs none.
  const loginMethod = key ? "keypair" : input.adminPass || opts.passwordLogin ? "password" : "none";
  const now = await cloudNow();
  const count = input.count ?? 1;
  // With a count, names get a -0001, -0002 ... suffix, as the ECS console names batch purchases.
  const names = count === 1 ? [input.name] : Array.from({ length: count }, (_, i) => `${input.name}-${String(i + 1).padStart(4, "0")}`);
  const claim = { vcpus: flavor.vcpus, memoryMb: flavor.ramMb, diskGb: req.diskGb, hugePagesMb };
  const disksSummary = { systemDisk: input.systemDisk ?? null, dataDisks: input.dataDisks?.length ? input.dataDisks : undefined };
  const summary = { name: input.name, count, az: input.az, flavor: flavor.id, image: image.id, project: project.name, serverGroup: group?.name ?? null, login: loginMethod, keyName: key?.name ?? null, ...disksSummary };

  // Scheduled before the transaction, on the in-memory host states (Nova's scheduler decides
  // before the compute node claims): the transaction below only reserves quota, claims and
  // records, and a stale view can only lose a claim to the next candidate. A launch into a server
  // group is scheduled inside it, after the group's row lock: its members' hosts are part of the
  // decision (serverGroupSpec).
  const settings = await loadSettings(db);
  const hosts = await cachedHostStates(dbReader, settings, now);
  // Seeded per request so a replay of the same request makes the same host_subset_size pick.
  const rng = seededRandom(hashString(`${input.name}|${now.toISOString()}`));
  const ranked = group ? undefined : scheduleBatch(hosts, req, names.length, settings, rng);
  // The project's default VPC and security group are made on first use, before the launch's transaction.
  const networks = await readyLaunchNetworks(project, plan.networks);

  return audited(actor, { action: "ecs.launch", targetType: "instance", vdcId: project.vdcId }, async (tx, record) => {
    record({ after: summary });
    // Quota first, as Nova checks quota before scheduling; the claims below share this transaction,
    // so a batch is placed whole or not at all. An approved order reserved it when it was submitted.
    if (!opts.quotaHeld) await reserveQuota(tx, chain, az.regionId, plan.demand);
    if (group) req.serverGroup = await serverGroupSpec(tx, group.id);
    const attachDisks = plan.disks.system || plan.disks.data.length ? await insertLaunchDisks(tx, actor, plan.disks, names) : null;
    const ids: string[] = [];
    const placed: string[] = [];
    await claimBatch(tx, hosts, req, names.length, settings, rng, claim, async (chosen, index) => {
      const id = randomUUID();
      // Plain SQL, as every launch runs it (repositories/sql.ts).
      await sqlRun(tx, 
        insertRow("Instance", {
          id,
          name: names[index] as string,
          projectId: project.id,
          userId: actor.userId,
          azId: az.id,
          hostId: chosen.id,
          flavorId: flavor.id,
          imageId: image.id,
          vcpus: flavor.vcpus,
          memoryMb: flavor.ramMb,
          rootGb: plan.volumeBacked ? 0 : flavor.diskGb,
          volumeBacked: plan.volumeBacked,
          ephemeralGb: flavor.ephemeralGb,
          swapMb: flavor.swapMb,
          hugePagesMb,
          allocated: true,
          locked: false,
          // Ordered through a product: its resize and release go through that product's approval.
          productId: opts.productId ?? null,
          keyName: key?.name ?? null,
          keyFingerprint: key?.fingerprint ?? null,
          loginMethod,
          vmState: "building",
          taskState: "scheduling",
          powerState: "nostate",
          createdAt: now,
          updatedAt: now,
        }),
      );
      if (group) await tx.serverGroupMember.create({ data: { serverGroupId: group.id, instanceId: id } });
      // Its ports (and EIP), made now as ports handed to Nova are: an exhausted subnet refuses the launch with its name.
      await insertInstancePorts(tx, networks, { id, projectId: project.id, azId: az.id }, now);
      if (attachDisks) await attachDisks(id, index, now);
      // The scheduler's choice is recorded before the build starts, as Nova records it.
      await queueTask(tx, { type: "instance.build", instanceId: id, now, requestedBy: actor.userId, payload: { hostId: chosen.id, tried: [] }, detail: forceHost ? `${chosen.name} (forced)` : chosen.name });
      ids.push(id);
      placed.push(chosen.name);
    }, ranked);
    record({ targetId: ids[0] ?? null, after: { ...summary, hosts: placed, ids } });
    if (opts.within) await opts.within(tx, ids);
    return { id: ids[0] as string, ids };
  });
}

/**
 * Everything a launch checks before it writes: permission and project scope, the forced host's
 * permission, flavor access, image visibility and fit, server group, the VDC's resource set in
 * the AZ's region; and what it will ask of quota. Orders run the same checks at submission.
 */
export async function planLaunch(actor: Actor, input: LaunchInput) {
  requirePermission(actor, "ecs:create");
  const targetProject = input.projectId ?? actor.defaultProjectId;
  if (!targetProject || !inScope(actor, targetProject)) throw new NotFoundError("project", targetProject ?? "-");
  const { az: azId, host: forceHost } = parseAzHost(input.az);
  // nova: "az:host" is for administrators only (os_compute_api:servers:create:forced_host).
  if (forceHost) requirePermission(actor, "ecs:force_host");

  // The lookups every launch makes, as plain statements on committed rows (repositories/sql.ts).
  const project = await findRow<Project>(dbReader, "Project", { id: targetProject });
  if (!project) throw new NotFoundError("project", targetProject);
  const [flavor, image, az] = await Promise.all([
    usableFlavor(input.flavorId, project.vdcId),
    usableImage(input.imageId, project.id),
    findRow<AvailabilityZone>(dbReader, "AvailabilityZone", { id: azId }),
  ]);
  if (!az) throw new NotFoundError("az", azId);
  // Booted from a volume, the image's min_disk is the volume's to meet (Cinder checks it), not the flavor's.
  const volumeBacked = Boolean(input.systemDisk);
  checkFlavorFitsImage(volumeBacked ? { diskGb: Number.MAX_SAFE_INTEGER, ramMb: flavor.ramMb } : flavor, image);
  const group = input.serverGroupId ? await db.serverGroup.findUnique({ where: { id: input.serverGroupId } }) : null;
  if (input.serverGroupId && (!group || group.projectId !== project.id)) throw new NotFoundError("server_group", input.serverGroupId);
  // A key pair is the caller's own, as in Nova (another user's is not found).
  const key = input.keyName ? await db.keyPair.findUnique({ where: { userId_name: { userId: actor.userId, name: input.keyName } } }) : null;
  if (input.keyName && !key) throw new NotFoundError("key_pair", input.keyName);

  const req = { ...requestSpecFor(az.id, onHost(flavor, volumeBacked), image, undefined, project.id), forceHost };
  const hugePagesMb = wantsHugePages(req.extraSpecs) ? flavor.ramMb : 0;
  const chain = await vdcChain(dbReader, project.vdcId);
  const vdcName = chain[0]?.name ?? project.vdcId;
  const resourceSet = await findRow<ResourceSet>(dbReader, "ResourceSet", { vdcId: project.vdcId, regionId: az.regionId });
  if (!resourceSet) throw new DomainError("NO_RESOURCE_SET", "no resource set in region", { vdc: vdcName, region: az.regionId });
  const allowedAzs = resourceSet.azIds.split(",").filter(Boolean);
  if (!allowedAzs.includes(az.id)) throw new DomainError("AZ_NOT_ALLOWED", "AZ not in the resource set", { vdc: vdcName, az: az.id, allowed: allowedAzs.join(", ") || "-" });
  const disks = await planLaunchDisks(actor, project.id, az.id, image.id, input);
  const networks = await planLaunchNetworks(project, input);
  const demand = [disks.system, ...disks.data].reduce((d, p) => (p ? addDemand(d, volumeDemand(p.sizeGb, p.names.length)) : d), addDemand(instanceDemand(flavor, input.count ?? 1), networkDemand(networks, input.count ?? 1)));
  return { project, flavor, image, az, chain, group, key, req, forceHost, hugePagesMb, demand, volumeBacked, disks, networks };
}

/** The EVS volumes an ECS is created with, planned and scheduled as any volume is (one per ECS of the batch). */
interface LaunchDisks {
  system: VolumePlan | null;
  data: VolumePlan[];
  specs: { system: DiskSpec | null; data: DiskSpec[] };
}

async function planLaunchDisks(actor: Actor, projectId: string, azId: string, imageId: string, input: LaunchInput): Promise<LaunchDisks> {
  const specs = { system: input.systemDisk ?? null, data: input.dataDisks ?? [] };
  if (!specs.system && specs.data.length === 0) return { system: null, data: [], specs };
  // The ECS's disks are EVS volumes created on the caller's behalf: the caller must be allowed to create them.
  requirePermission(actor, "evs:create");
  const count = input.count ?? 1;
  const one = (spec: DiskSpec, source: { imageId?: string }) => planVolumes(projectId, { name: input.name, az: azId, volumeTypeId: spec.volumeTypeId, sizeGb: spec.sizeGb, count, ...source });
  const [system, ...data] = await Promise.all([specs.system ? one(specs.system, { imageId }) : null, ...specs.data.map((d) => one(d, {}))]);
  return { system: system ?? null, data: data as VolumePlan[], specs };
}

/**
 * Nova's block device mapping for a batch: each ECS's system volume at /dev/vda and its data
 * volumes from /dev/vdb, reserved as "attaching" now; each attachment completes when its
 * volume has been created (worker/storage.ts).
 */
async function insertLaunchDisks(tx: Tx, actor: Actor, disks: LaunchDisks, names: string[]) {
  const name = (suffix: string) => names.map((n) => `${n}-${suffix}`);
  const system = disks.system ? await insertPlannedVolumes(tx, actor, { ...disks.system, names: name("sys") }, { quotaHeld: true }) : null;
  const data: string[][] = [];
  for (const [j, plan] of disks.data.entries()) data.push((await insertPlannedVolumes(tx, actor, { ...plan, names: name(`data${j + 1}`) }, { quotaHeld: true })).ids);
  return async (instanceId: string, index: number, now: Date) => {
    const keep = (spec: DiskSpec | null) => spec?.deleteOnTermination ?? true;
    if (system) await tx.volumeAttachment.create({ data: { volumeId: system.ids[index] as string, instanceId, device: ROOT_DEVICE, status: "attaching", deleteOnTermination: keep(disks.specs.system), createdAt: now } });
    const taken = [ROOT_DEVICE];
    for (const [j, ids] of data.entries()) {
      const device = nextDevice(taken);
      taken.push(device);
      await tx.volumeAttachment.create({ data: { volumeId: ids[index] as string, instanceId, device, status: "attaching", deleteOnTermination: keep(disks.specs.data[j] ?? null), createdAt: now } });
    }
  };
}

type InstanceRow = NonNullable<Awaited<ReturnType<typeof db.instance.findUnique>>>;

/** What a tenant changes through an order when the instance came from a product that needs approval. */
export const CHANGED_BY_ORDER: readonly InstanceAction[] = ["resize", "delete"];

export interface OperationContext {
  tx: Tx;
  record: Parameters<Parameters<typeof audited>[2]>[1];
  /** The instance as read inside the transaction, already checked against `allowed()`. */
  current: InstanceRow;
  now: Date;
  operator: boolean;
  vdcId: string;
}

/**
 * The frame every instance operation shares: scope (another tenant's instance is "not found"),
 * permission, then inside one audited transaction the state check by `allowed()` (the same
 * predicate the UI enables buttons with), and the operation's own writes. Refusals are recorded
 * in the audit log like any other outcome.
 */
export async function operateOn<T>(actor: Actor, instanceId: string, action: InstanceAction, body: (ctx: OperationContext) => Promise<T>, audit: Record<string, unknown> = {}, opts: { viaOrder?: boolean; within?: Within } = {}): Promise<T> {
  const instance = await db.instance.findFirst({ where: { id: instanceId, deletedAt: null }, include: { product: { select: { needsApproval: true, name: true } } } });
  assertInScope(actor, "instance", instanceId, instance);
  const operator = actor.permissions.has("ecs:operate_all");
  requirePermission(actor, operator || ADMIN_ONLY_ACTIONS.includes(action) ? "ecs:operate_all" : action === "delete" ? "ecs:delete" : "ecs:operate");
  const project = await db.project.findUniqueOrThrow({ where: { id: instance.projectId } });
  const now = await cloudNow();
  return audited(actor, { action: `ecs.${action}`, targetType: "instance", targetId: instanceId, vdcId: project.vdcId }, async (tx, record) => {
    // Resources obtained through an approval are changed through one: a tenant's direct resize or
    // delete of such an instance is refused (operators and the order's own provisioning pass), and
    // the refusal is audited like any other.
    if (!operator && !opts.viaOrder && CHANGED_BY_ORDER.includes(action) && instance.product?.needsApproval)
      throw new DomainError("INVALID_STATE", "change through an order", { reason: "change_through_order", product: instance.product.name });
    const current = await tx.instance.findUniqueOrThrow({ where: { id: instanceId } });
    record({ before: { name: current.name, vmState: current.vmState, taskState: current.taskState, locked: current.locked, host: current.hostId }, after: audit });
    const host = action === "evacuate" && current.hostId ? await tx.host.findUnique({ where: { id: current.hostId } }) : null;
    const status = { ...current, hostDown: host ? !isUp(host, now, await lastComputeReport(tx)) : false };
    if (!allowed(status, action, { admin: operator })) {
      if (current.locked && !operator) throw new DomainError("INVALID_STATE", "locked", { reason: "instance_locked", action });
      if (action === "evacuate" && !status.hostDown) throw new DomainError("INVALID_STATE", "host is up", { reason: "host_up", host: host?.name ?? "-" });
      throw new InvalidStateError(action, current.vmState, current.taskState);
    }
    const result = await body({ tx, record, current, now, operator, vdcId: project.vdcId });
    if (opts.within) await opts.within(tx, [instanceId]);
    return result;
  });
}

/**
 * Move the instance into the first task_state of `type`, conditional on the states just checked
 * (two concurrent requests cannot both start a task), and queue the task.
 */
export async function startTask(ctx: OperationContext, actor: Actor, type: TaskType, payload: Record<string, unknown> = {}, detail?: string): Promise<void> {
  const { tx, current, now } = ctx;
  const first = firstStep(type, now);
  const moved = await tx.instance.updateMany({
    where: { id: current.id, vmState: current.vmState, taskState: current.taskState, updatedAt: current.updatedAt },
    data: { taskState: first.instance.taskState, updatedAt: now },
  });
  if (moved.count !== 1) throw new InvalidStateError(type.slice("instance.".length), current.vmState, current.taskState);
  ctx.record({ after: { taskState: first.instance.taskState } });
  await queueTask(tx, { type, instanceId: current.id, now, requestedBy: actor.userId, payload, prior: { vmState: current.vmState as VmState, powerState: current.powerState as PowerState }, detail });
}

async function openResize(tx: Tx, instanceId: string) {
  const m = await tx.migration.findFirst({ where: { instanceId, status: "finished", type: { in: ["resize", "migration"] } }, orderBy: { createdAt: "desc" } });
  if (!m) throw new DomainError("INVALID_STATE", "no resize to confirm", { reason: "no_open_resize" });
  return m;
}

/**
 * An operation without input, allowed only from the states Nova allows (and, when the instance
 * is locked, only for administrators). Lock and unlock take effect at once; the rest are tasks.
 */
export async function requestInstanceAction(actor: Actor, instanceId: string, action: SimpleAction, opts: { viaOrder?: boolean; within?: Within } = {}): Promise<void> {
  await operateOn(
    actor,
    instanceId,
    action,
    async (ctx) => {
      const { tx, current, now } = ctx;
      if (action === "lock" || action === "unlock") {
        const changed = await tx.instance.updateMany({
          where: { id: instanceId, locked: action === "unlock" },
          data: { locked: action === "lock", lockedBy: action === "lock" ? actor.username : null },
        });
        if (changed.count !== 1) throw new InvalidStateError(action, current.vmState, current.taskState);
        ctx.record({ after: { locked: action === "lock", lockedBy: action === "lock" ? actor.username : null } });
        return;
      }
      if (action === "confirm_resize") {
        const m = await openResize(tx, instanceId);
        if (!(await beginConfirm(tx, current, m, now, actor.userId))) throw new InvalidStateError(action, current.vmState, current.taskState);
        ctx.record({ after: { taskState: "resize_confirming", migration: m.id } });
        return;
      }
      if (action === "revert_resize") {
        const m = await openResize(tx, instanceId);
        await tx.migration.update({ where: { id: m.id }, data: { status: "reverting", updatedAt: now } });
        // Revert returns the instance to the state it had before the resize, not VERIFY_RESIZE.
        const first = firstStep("instance.revert_resize", now);
        const moved = await tx.instance.updateMany({ where: { id: instanceId, vmState: "resized", taskState: null, updatedAt: current.updatedAt }, data: { taskState: first.instance.taskState, updatedAt: now } });
        if (moved.count !== 1) throw new InvalidStateError(action, current.vmState, current.taskState);
        const prior = m.priorVmState === "stopped" ? ({ vmState: "stopped", powerState: "shutdown" } as const) : ({ vmState: "active", powerState: "running" } as const);
        await queueTask(tx, { type: "instance.revert_resize", instanceId, now, requestedBy: actor.userId, payload: { migrationId: m.id }, prior });
        ctx.record({ after: { taskState: first.instance.taskState, migration: m.id } });
        return;
      }
      // A delete supersedes whatever is in flight (Nova lets delete interrupt a build or a resize).
      if (action === "delete") {
        await tx.task.updateMany({
          where: { instanceId, status: { in: ["queued", "running"] } },
          data: { status: "cancelled", version: { increment: 1 }, finishedAt: now, updatedAt: now, error: "superseded by delete" },
        });
      }
      await startTask(ctx, actor, taskTypeFor(action));
    },
    {},
    opts,
  );
}

/**
 * A drill: the guest OS shuts itself down (as `shutdown -h now` inside the VM would). Only the
 * emulated hypervisor knows at first; the instance stays ACTIVE/running in the database until
 * the periodic power-state sync notices and stops it, as Nova does.
 */
export async function shutdownFromGuest(actor: Actor, instanceId: string): Promise<void> {
  const instance = await db.instance.findFirst({ where: { id: instanceId, deletedAt: null } });
  assertInScope(actor, "instance", instanceId, instance);
  // A failure drill is an operator's tool: a tenant's guest does not shut itself down on request.
  requirePermission(actor, "ecs:operate_all");
  const project = await db.project.findUniqueOrThrow({ where: { id: instance.projectId } });
  await audited(actor, { action: "ecs.guest_shutdown", targetType: "instance", targetId: instanceId, vdcId: project.vdcId }, async (tx, record) => {
    record({ before: { vmState: instance.vmState, powerState: instance.powerState } });
    const changed = await tx.instance.updateMany({
      where: { id: instanceId, vmState: "active", taskState: null, powerState: "running", guestPowerState: null },
      data: { guestPowerState: "shutdown" },
    });
    if (changed.count !== 1) throw new InvalidStateError("guest_shutdown", instance.vmState, instance.taskState);
    record({ after: { hypervisorPowerState: "shutdown" } });
  });
}
