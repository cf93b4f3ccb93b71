import "server-only";
import type { CloudSettingsInput, HostAllocationInput } from "@/lib/schemas/settings";
import { DomainError, NotFoundError } from "@/lib/cloud/shared";
import { db } from "../db";
import { requirePermission, type Actor } from "../auth/actor";
import { advanceClock, clockState, setClockSpeed } from "./clock";
import { audited } from "./audit";
import { lastComputeReport } from "../repositories/hosts";
import { syncVniAllocations, vniRanges } from "../repositories/network";

export async function updateCloudSettings(actor: Actor, input: CloudSettingsInput): Promise<void> {
  requirePermission(actor, "settings:edit");
  await audited(actor, { action: "settings.update", targetType: "cloud_settings", targetId: "1", vdcId: null }, async (tx, record) => {
    const before = await tx.cloudSettings.findUniqueOrThrow({ where: { id: 1 } });
    await tx.cloudSettings.update({ where: { id: 1 }, data: input });
    // ML2's sync: the allocation table follows the ranges (VNIs in use stay with their networks).
    if (input.vniRanges !== before.vniRanges) await syncVniAllocations(tx, vniRanges(input.vniRanges));
    const { updatedAt: _u, id: _i, ...was } = before;
    record({ before: was, after: input });
  });
}

export async function updateClock(actor: Actor, input: { speed: number; advanceSeconds: number }): Promise<void> {
  requirePermission(actor, "clock:edit");
  const before = await clockState();
  await setClockSpeed(input.speed);
  if (input.advanceSeconds > 0) await advanceClock(input.advanceSeconds);
  // The clock lives outside the business tables; record the change once it is made.
  await audited(actor, { action: "clock.update", targetType: "cloud_clock", targetId: "1", vdcId: null }, async (_tx, record) => {
    record({ before: { speed: before.speed, now: before.now.toISOString() }, after: { speed: input.speed, advancedSeconds: input.advanceSeconds } });
  });
}

/** Disable a host (the scheduler's ComputeFilter then skips it) or enable it again. */
export async function setHostEnabled(actor: Actor, input: { id: string; enabled: boolean; reason?: string | undefined }): Promise<void> {
  requirePermission(actor, "host:manage");
  const host = await db.host.findUnique({ where: { id: input.id } });
  if (!host) throw new NotFoundError("host", input.id);
  await audited(actor, { action: input.enabled ? "host.enable" : "host.disable", targetType: "host", targetId: host.id, vdcId: null }, async (tx, record) => {
    await tx.host.update({ where: { id: host.id }, data: { enabled: input.enabled, disabledReason: input.enabled ? null : input.reason || null } });
    record({ before: { enabled: host.enabled, reason: host.disabledReason }, after: { enabled: input.enabled, reason: input.enabled ? null : input.reason || null } });
  });
}

/** Stop or start the emulated nova-compute service of a host (a failure drill): a stopped service sends no heartbeats. */
export async function setComputeService(actor: Actor, input: { id: string; running: boolean }): Promise<void> {
  requirePermission(actor, "host:manage");
  const host = await db.host.findUnique({ where: { id: input.id } });
  if (!host) throw new NotFoundError("host", input.id);
  await audited(actor, { action: input.running ? "host.service_start" : "host.service_stop", targetType: "host", targetId: host.id, vdcId: null }, async (tx, record) => {
    // A stopped service's last heartbeat is the last report it took part in.
    const reportedAt = await lastComputeReport(tx);
    await tx.host.update({ where: { id: host.id }, data: input.running ? { serviceRunning: true } : { serviceRunning: false, lastHeartbeatAt: reportedAt } });
    record({ before: { serviceRunning: host.serviceRunning }, after: { serviceRunning: input.running } });
  });
}

/**
 * Override a host's allocation ratios or reserved memory (null = the cloud default). Lowering
 * them below what is already allocated is refused: running instances keep their claims, and the
 * host would be over its limit.
 */
export async function setHostAllocation(actor: Actor, input: HostAllocationInput): Promise<void> {
  requirePermission(actor, "host:manage");
  const host = await db.host.findUnique({ where: { id: input.id } });
  if (!host) throw new NotFoundError("host", input.id);
  await audited(actor, { action: "host.allocation", targetType: "host", targetId: host.id, vdcId: null }, async (tx, record) => {
    const s = await tx.cloudSettings.findUniqueOrThrow({ where: { id: 1 } });
    const cpu = input.cpuAllocationRatio ?? s.cpuAllocationRatio;
    const ram = input.ramAllocationRatio ?? s.ramAllocationRatio;
    const disk = input.diskAllocationRatio ?? s.diskAllocationRatio;
    const reserved = input.reservedMemoryMb ?? s.reservedHostMemoryMb;
    const fresh = await tx.host.findUniqueOrThrow({ where: { id: host.id } });
    const limits = { vcpus: Math.floor(fresh.vcpus * cpu), memoryMb: Math.floor((fresh.memoryMb - reserved) * ram), diskGb: Math.floor(fresh.localDiskGb * disk) };
    if (fresh.vcpusUsed > limits.vcpus) throw new DomainError("INVALID_INPUT", "below allocation", { reason: "allocation_below_used", resource: "vCPU", used: fresh.vcpusUsed, limit: limits.vcpus });
    if (fresh.memoryMbUsed > limits.memoryMb) throw new DomainError("INVALID_INPUT", "below allocation", { reason: "allocation_below_used", resource: "RAM (MB)", used: fresh.memoryMbUsed, limit: limits.memoryMb });
    if (fresh.diskGbUsed > limits.diskGb) throw new DomainError("INVALID_INPUT", "below allocation", { reason: "allocation_below_used", resource: "disk (GB)", used: fresh.diskGbUsed, limit: limits.diskGb });
    const { id: _id, ...overrides } = input;
    await tx.host.update({ where: { id: host.id }, data: overrides });
    record({
      before: { cpuAllocationRatio: host.cpuAllocationRatio, ramAllocationRatio: host.ramAllocationRatio, diskAllocationRatio: host.diskAllocationRatio, reservedMemoryMb: host.reservedMemoryMb },
      after: overrides,
    });
  });
}
