import "server-only";
import type { QuotaResource } from "@/lib/cloud/quota";
import { dbReader } from "../db";

// A Keystone project's quota as the OpenStack services report it: the console keeps quota per VDC
// (each VDC's limit and what its projects use, under its parent's), so a project answers with its
// VDC's rows in the default region. Nova, Cinder and Neutron each read their own resources from it.

export type ProjectQuota = (resource: QuotaResource) => { limit: number; used: number };

export async function projectQuota(projectId: string): Promise<ProjectQuota> {
  const [project, region] = await Promise.all([dbReader.project.findUnique({ where: { id: projectId }, select: { vdcId: true } }), dbReader.region.findFirst({ where: { isDefault: true }, select: { id: true } })]);
  const rows = project ? await dbReader.quota.findMany({ where: { vdcId: project.vdcId, ...(region ? { regionId: region.id } : {}) } }) : [];
  const byResource = new Map(rows.map((r) => [r.resource, r]));
  // A resource without a row is unlimited (-1), as OpenStack writes "no limit".
  return (resource) => {
    const r = byResource.get(resource);
    return { limit: r?.hardLimit ?? -1, used: r?.used ?? 0 };
  };
}

/** Gigabytes of RAM (the console's unit) as OpenStack's megabytes; unlimited stays -1. */
export const ramMb = (gb: number) => (gb < 0 ? -1 : gb * 1024);
