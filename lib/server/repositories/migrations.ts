import "server-only";
import { resizeDelta, type Demand } from "@/lib/cloud/quota";
import type { PriorState } from "@/lib/cloud/tasks";
import type { Tx } from "../db";
import { releaseOnHost, type Claim } from "./hosts";
import { releaseQuota, vdcChain } from "./quota";
import { queueTask } from "./tasks";
import type { Migration, Instance } from "@/lib/generated/prisma/client";

// The persistence side of resize, cold migration and evacuation. A Migration row holds the two
// sides: the source (old resources) and the destination (new resources). Which side the
// instance is on, and which claims are still held, follow from its type and status:
//
//   resize / migration  pre-migrating  instance on source; claims on source and destination
//                       finished       instance on destination (VERIFY_RESIZE); both claims
//                       confirming     both claims until the source's is given back
//                       reverting      both claims until the destination's is given back
//                       confirmed / reverted / cancelled / error: one claim, the instance's own
//   evacuation          accepted       instance on the (down) source; both claims
//                       done           instance on destination; the source's claim is held until
//                                      its compute service returns (Nova frees it then)
//                       completed / cancelled / error: one claim

/** Statuses in which the migration holds a claim besides the instance's own. */
export const OPEN_MIGRATION_STATUSES = ["pre-migrating", "finished", "confirming", "reverting", "accepted", "done"] as const;

export const oldClaim = (m: Migration): Claim => ({ vcpus: m.oldVcpus, memoryMb: m.oldMemoryMb, diskGb: m.oldDiskGb, hugePagesMb: m.oldHugePagesMb });
export const newClaim = (m: Migration): Claim => ({ vcpus: m.newVcpus, memoryMb: m.newMemoryMb, diskGb: m.newDiskGb, hugePagesMb: m.newHugePagesMb });

/** The instance's local disks as its flavor defines them (the flavor row outlives a soft delete); a volume-backed root is not local. */
async function disksOf(tx: Tx, flavorId: string, instanceId: string) {
  const [f, i] = await Promise.all([tx.flavor.findUniqueOrThrow({ where: { id: flavorId } }), tx.instance.findUniqueOrThrow({ where: { id: instanceId }, select: { volumeBacked: true } })]);
  return { rootGb: i.volumeBacked ? 0 : f.diskGb, ephemeralGb: f.ephemeralGb, swapMb: f.swapMb };
}
const asFlavor = (c: Claim) => ({ vcpus: c.vcpus, ramMb: c.memoryMb });

async function releaseProjectQuota(tx: Tx, instance: Pick<Instance, "projectId" | "azId">, demand: Demand): Promise<void> {
  if (Object.values(demand).every((n) => !n)) return;
  const [project, az] = await Promise.all([
    tx.project.findUniqueOrThrow({ where: { id: instance.projectId } }),
    tx.availabilityZone.findUniqueOrThrow({ where: { id: instance.azId } }),
  ]);
  await releaseQuota(tx, await vdcChain(tx, project.vdcId), az.regionId, demand);
}

async function migrationOf(tx: Tx, payload: unknown): Promise<Migration> {
  const id = (payload as { migrationId?: string } | null)?.migrationId;
  if (!id) throw new Error("task payload has no migrationId");
  return tx.migration.findUniqueOrThrow({ where: { id } });
}

const hostName = async (tx: Tx, id: string) => (await tx.host.findUnique({ where: { id }, select: { name: true } }))?.name ?? id;

/** nova finish_resize: the guest now runs on the destination with the new flavor. */
export async function finishResize(tx: Tx, instanceId: string, payload: unknown, now: Date): Promise<string> {
  const m = await migrationOf(tx, payload);
  await tx.instance.update({
    where: { id: instanceId },
    data: { hostId: m.destHostId, flavorId: m.newFlavorId, vcpus: m.newVcpus, memoryMb: m.newMemoryMb, ...(await disksOf(tx, m.newFlavorId, instanceId)), hugePagesMb: m.newHugePagesMb, updatedAt: now },
  });
  await tx.migration.update({ where: { id: m.id }, data: { status: "finished", finishedAt: now, updatedAt: now } });
  return `guest started on ${await hostName(tx, m.destHostId)}; waiting for confirm or revert`;
}

/** nova confirm_resize: the source's claim, and quota a downsize no longer needs, are given back. */
export async function confirmResize(tx: Tx, instance: Pick<Instance, "projectId" | "azId">, payload: unknown, now: Date): Promise<string> {
  const m = await migrationOf(tx, payload);
  await releaseOnHost(tx, m.sourceHostId, oldClaim(m));
  await releaseProjectQuota(tx, instance, resizeDelta(asFlavor(oldClaim(m)), asFlavor(newClaim(m))).down);
  await tx.migration.update({ where: { id: m.id }, data: { status: "confirmed", updatedAt: now } });
  return `released ${m.oldVcpus} vCPU / ${m.oldMemoryMb} MB on ${await hostName(tx, m.sourceHostId)}`;
}

/** nova revert_resize: back on the source with the old flavor; the destination's claim is given back. */
export async function revertResize(tx: Tx, instance: Pick<Instance, "id" | "projectId" | "azId">, payload: unknown, now: Date): Promise<string> {
  const m = await migrationOf(tx, payload);
  await releaseOnHost(tx, m.destHostId, newClaim(m));
  await releaseProjectQuota(tx, instance, resizeDelta(asFlavor(oldClaim(m)), asFlavor(newClaim(m))).up);
  await tx.instance.update({
    where: { id: instance.id },
    data: { hostId: m.sourceHostId, flavorId: m.oldFlavorId, vcpus: m.oldVcpus, memoryMb: m.oldMemoryMb, ...(await disksOf(tx, m.oldFlavorId, instance.id)), hugePagesMb: m.oldHugePagesMb, updatedAt: now },
  });
  await tx.migration.update({ where: { id: m.id }, data: { status: "reverted", updatedAt: now } });
  return `back on ${await hostName(tx, m.sourceHostId)}; released ${m.newVcpus} vCPU / ${m.newMemoryMb} MB on ${await hostName(tx, m.destHostId)}`;
}

/** The evacuated instance now runs on the destination; the source keeps its claim until it returns. */
export async function finishEvacuation(tx: Tx, instanceId: string, payload: unknown, now: Date): Promise<string> {
  const m = await migrationOf(tx, payload);
  await tx.instance.update({ where: { id: instanceId }, data: { hostId: m.destHostId, updatedAt: now } });
  await tx.migration.update({ where: { id: m.id }, data: { status: "done", finishedAt: now, updatedAt: now } });
  return `rebuilt on ${await hostName(tx, m.destHostId)}`;
}

/**
 * The instance is being deleted: give back the claim its open migration holds besides the
 * instance's own (which the delete releases), and the quota a resize holds beyond the flavor the
 * instance has now. Returns what was released, for the timeline.
 */
export async function cancelOpenMigrations(tx: Tx, instance: Pick<Instance, "id" | "hostId" | "projectId" | "azId" | "vcpus" | "memoryMb">, now: Date): Promise<string[]> {
  const open = await tx.migration.findMany({ where: { instanceId: instance.id, status: { in: [...OPEN_MIGRATION_STATUSES] } } });
  const notes: string[] = [];
  for (const m of open) {
    const onDest = instance.hostId === m.destHostId && m.destHostId !== m.sourceHostId;
    const [otherHost, otherClaim] = onDest ? [m.sourceHostId, oldClaim(m)] : [m.destHostId, newClaim(m)];
    await releaseOnHost(tx, otherHost, otherClaim);
    // The quota held is the larger of the two flavors; the delete gives back the current one.
    const extra = resizeDelta({ vcpus: instance.vcpus, ramMb: instance.memoryMb }, asFlavor(otherClaim)).up;
    await releaseProjectQuota(tx, instance, extra);
    await tx.migration.update({ where: { id: m.id }, data: { status: "cancelled", updatedAt: now } });
    notes.push(`released the ${m.type}'s claim on ${await hostName(tx, otherHost)}`);
  }
  return notes;
}

/**
 * A resize or migration whose destination failed before the guest moved: the destination's claim
 * and any upsize quota are given back, the instance stays on its source, in ERROR with the fault
 * (as Nova leaves an instance whose resize failed on the destination).
 */
export async function failMove(tx: Tx, instance: Pick<Instance, "id" | "projectId" | "azId">, payload: unknown, now: Date): Promise<string> {
  const m = await migrationOf(tx, payload);
  await releaseOnHost(tx, m.destHostId, newClaim(m));
  if (m.type === "resize") await releaseProjectQuota(tx, instance, resizeDelta(asFlavor(oldClaim(m)), asFlavor(newClaim(m))).up);
  await tx.migration.update({ where: { id: m.id }, data: { status: "error", updatedAt: now } });
  return `compute service on ${await hostName(tx, m.destHostId)} went down during the ${m.type}`;
}

/**
 * Start a confirm (by the user, or by the runner once resize_confirm_window has passed): the
 * instance moves to resize_confirming only if it is still in VERIFY_RESIZE with no task, so a
 * user's confirm and the automatic one can never both run.
 */
export async function beginConfirm(tx: Tx, instance: Pick<Instance, "id" | "vmState" | "taskState" | "updatedAt">, migration: Migration, now: Date, requestedBy: string | null, detail?: string): Promise<boolean> {
  const moved = await tx.instance.updateMany({
    where: { id: instance.id, vmState: "resized", taskState: null, updatedAt: instance.updatedAt },
    data: { taskState: "resize_confirming", updatedAt: now },
  });
  if (moved.count !== 1) return false;
  await tx.migration.update({ where: { id: migration.id }, data: { status: "confirming", updatedAt: now } });
  const prior: PriorState = migration.priorVmState === "stopped" ? { vmState: "stopped", powerState: "shutdown" } : { vmState: "active", powerState: "running" };
  await queueTask(tx, { type: "instance.confirm_resize", instanceId: instance.id, now, requestedBy, payload: { migrationId: migration.id }, prior, detail });
  return true;
}
