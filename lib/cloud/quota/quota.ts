// Hierarchical VDC quotas. The rules (also stated in the UI):
// - the usage of a VDC = what its own projects hold + the usage of all its descendants;
// - for every VDC and resource with a finite limit, usage <= limit, always;
// - a child's limit may not exceed its parent's; a limit may not be set below current usage.
// OpenStack only validates hierarchical limits (unified limits, "strict-two-level"); here they
// are enforced at request time along the whole ancestor chain.
import { DomainError } from "../shared/errors";

export const QUOTA_RESOURCES = ["instances", "cores", "ram_gb", "volumes", "gigabytes", "snapshots", "vpcs", "subnets", "ports", "eips", "security_groups", "security_group_rules"] as const;
export type QuotaResource = (typeof QUOTA_RESOURCES)[number];

export const UNLIMITED = -1;
export const MAX_VDC_LEVEL = 5;

/** OpenStack's defaults (nova, cinder, neutron), the starting point of a new VDC. */
export const OPENSTACK_DEFAULTS: Readonly<Record<QuotaResource, number>> = {
  instances: 10,
  cores: 20,
  ram_gb: 50, // nova's 51200 MB
  volumes: 10,
  gigabytes: 1000,
  snapshots: 10,
  vpcs: 10,
  subnets: 10,
  ports: 50,
  eips: 50,
  security_groups: 10,
  security_group_rules: 100,
};

/** What is still free under a limit; null when unlimited. */
export function available(limit: number, used: number): number | null {
  return limit === UNLIMITED ? null : Math.max(0, limit - used);
}

export function fits(limit: number, used: number, requested: number): boolean {
  return limit === UNLIMITED || used + requested <= limit;
}

export type Demand = Partial<Record<QuotaResource, number>>;

/** What an ECS launch consumes: one instance, its vCPUs, its RAM rounded up to whole GB. */
export function instanceDemand(flavor: { vcpus: number; ramMb: number }, count = 1): Demand {
  return { instances: count, cores: flavor.vcpus * count, ram_gb: Math.ceil(flavor.ramMb / 1024) * count };
}

/** What `count` volumes of `sizeGb` each ask of the VDC chain (Cinder's volumes and gigabytes quotas). */
export function volumeDemand(sizeGb: number, count = 1): Demand {
  return { volumes: count, gigabytes: sizeGb * count };
}

/** What `count` ECSs' interfaces ask: a port per interface (one, on the default network, when none is named), an EIP each if asked. */
export function interfaceDemand(nics: number, count = 1, withEip = false): Demand {
  return { ports: Math.max(1, nics) * count, ...(withEip ? { eips: count } : {}) };
}

/** A snapshot counts once against snapshots and its size against gigabytes (Cinder's default, no_snapshot_gb_quota = False). */
export function snapshotDemand(sizeGb: number): Demand {
  return { snapshots: 1, gigabytes: sizeGb };
}

/** The sum of two demands, resource by resource (an order's items add up). */
export function addDemand(a: Demand, b: Demand): Demand {
  const out: Demand = { ...a };
  for (const [k, v] of Object.entries(b) as [QuotaResource, number][]) out[k] = (out[k] ?? 0) + v;
  return out;
}

/**
 * What a resize changes in quota: `up` is reserved when the resize is requested (Nova checks the
 * upsize delta then), `down` is given back on confirm; a revert gives `up` back. Between request
 * and confirm the instance counts as the larger of the two flavors, per resource.
 */
export function resizeDelta(from: { vcpus: number; ramMb: number }, to: { vcpus: number; ramMb: number }): { up: Demand; down: Demand } {
  const a = instanceDemand(from);
  const b = instanceDemand(to);
  const up: Demand = {};
  const down: Demand = {};
  for (const key of ["cores", "ram_gb"] as const) {
    const d = (b[key] ?? 0) - (a[key] ?? 0);
    if (d > 0) up[key] = d;
    if (d < 0) down[key] = -d;
  }
  return { up, down };
}

export interface ChainLevel {
  vdcId: string;
  vdcName: string;
  limits: Partial<Record<QuotaResource, { limit: number; used: number }>>;
}

export interface QuotaShortfall {
  vdcId: string;
  vdcName: string;
  resource: QuotaResource;
  requested: number;
  available: number;
}

/** The first level (nearest first) and resource where a demand does not fit, or null. */
export function firstShortfall(chain: readonly ChainLevel[], demand: Demand): QuotaShortfall | null {
  for (const level of chain) {
    for (const resource of QUOTA_RESOURCES) {
      const requested = demand[resource] ?? 0;
      if (requested <= 0) continue;
      const q = level.limits[resource];
      if (!q) continue;
      if (!fits(q.limit, q.used, requested)) return { vdcId: level.vdcId, vdcName: level.vdcName, resource, requested, available: available(q.limit, q.used) ?? 0 };
    }
  }
  return null;
}

export class QuotaExceededError extends DomainError {
  constructor(readonly shortfall: QuotaShortfall) {
    super("QUOTA_EXCEEDED", `quota of ${shortfall.resource} exceeded in VDC ${shortfall.vdcName}`, {
      vdc: shortfall.vdcName,
      resource: shortfall.resource,
      requested: shortfall.requested,
      available: shortfall.available,
    });
  }
}

export type LimitViolation =
  | { code: "invalid_limit" }
  | { code: "below_usage"; used: number }
  | { code: "exceeds_parent"; parentLimit: number }
  | { code: "below_child"; child: string; childLimit: number };

/** Whether a VDC's limit may become `newLimit`, given its usage, its parent's and its children's limits. */
export function checkLimitChange(p: { newLimit: number; used: number; parentLimit: number | null; children: readonly { name: string; limit: number }[] }): LimitViolation | null {
  const { newLimit, used, parentLimit, children } = p;
  if (!Number.isInteger(newLimit) || newLimit < UNLIMITED) return { code: "invalid_limit" };
  if (newLimit !== UNLIMITED && newLimit < used) return { code: "below_usage", used };
  if (parentLimit !== null && parentLimit !== UNLIMITED && (newLimit === UNLIMITED || newLimit > parentLimit)) return { code: "exceeds_parent", parentLimit };
  if (newLimit !== UNLIMITED) {
    const over = children.find((c) => c.limit === UNLIMITED || c.limit > newLimit);
    if (over) return { code: "below_child", child: over.name, childLimit: over.limit };
  }
  return null;
}

/** A new child's starting limits: OpenStack's defaults, capped by what the parent allows. */
export function initialLimits(parent: Partial<Record<QuotaResource, number>> | null): Record<QuotaResource, number> {
  return Object.fromEntries(
    QUOTA_RESOURCES.map((r) => {
      const d = OPENSTACK_DEFAULTS[r];
      const p = parent?.[r];
      return [r, p === undefined || p === UNLIMITED ? d : Math.min(d, p)];
    }),
  ) as Record<QuotaResource, number>;
}
