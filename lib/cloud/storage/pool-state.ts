// The volume scheduler's view of a storage pool, as Cinder's host manager builds a PoolState
// from what a volume driver reports (get_volume_stats) and what the service table says.
import { isUnbounded, maxOverSubscriptionRatio, type CapacityGb, type RatioSetting } from "./capacity";
import type { CapabilityValue } from "./specs-ops";

/** What a pool reports to the scheduler, in Cinder's pool-stats terms. */
export interface PoolReport {
  /** pool_name */
  name: string;
  /** volume_backend_name */
  backendName: string;
  totalGb: CapacityGb;
  freeGb: CapacityGb;
  /** allocated_capacity_gb: what Cinder's volumes on it were given. */
  allocatedGb: number;
  /** provisioned_capacity_gb: the apparent size of everything on it; allocated when not reported. */
  provisionedGb?: number;
  reservedPercentage: number;
  thinSupport: boolean;
  thickSupport: boolean;
  /** max_over_subscription_ratio: the pool's own, `auto`, or null for the cloud's setting. */
  ratio: RatioSetting;
  /** storage_protocol: iSCSI, FC... */
  protocol: string;
  vendorName?: string;
  driverVersion?: string;
  /** Every other capability the driver reports (tier, disk_type, QoS_support, multiattach...). */
  capabilities?: Record<string, CapabilityValue>;
}

/** cinder.common.constants: a protocol with variants is reported as all of them. */
const PROTOCOL_VARIANTS: readonly (readonly string[])[] = [
  ["iSCSI", "iscsi"],
  ["FC", "fibre_channel", "fc"],
  ["NFS", "nfs"],
  ["NVMe-oF", "NVMeOF", "nvmeof"],
];

export function protocolVariants(protocol: string): string | string[] {
  const family = PROTOCOL_VARIANTS.find((f) => f.includes(protocol));
  return family ? [...family] : protocol;
}

export interface PoolState {
  id: string;
  /** The pool's name as Cinder names it: host@backend#pool. */
  name: string;
  /** The AZ of the pool's volume service (an HCS pool is bound to exactly one). */
  az: string;
  /** The volume service is enabled and has reported within the down time. */
  enabled: boolean;
  up: boolean;
  totalGb: CapacityGb;
  freeGb: CapacityGb;
  allocatedGb: number;
  provisionedGb: number;
  reservedPercentage: number;
  thinSupport: boolean;
  thickSupport: boolean;
  /** Computed when the pool reported, as Cinder's PoolState keeps it until the next report. */
  maxOverSubscriptionRatio: number;
  /** The capability dictionary the CapabilitiesFilter walks (the report with the backend's info and protocol variants). */
  capabilities: Record<string, CapabilityValue>;
}

/**
 * PoolState.update_from_volume_capability with BackendState._append_backend_info: the report's
 * capacities, the over-subscription ratio computed against the cloud's setting, and the
 * capability dictionary with volume_backend_name, vendor_name, driver_version and the protocol's
 * variants filled in.
 */
export function poolStateOf(args: { id: string; host: string; az: string; enabled: boolean; up: boolean }, report: PoolReport, cloudRatio: number | "auto"): PoolState {
  const provisionedGb = report.provisionedGb ?? report.allocatedGb;
  const capabilities: Record<string, CapabilityValue> = {
    ...(report.capabilities ?? {}),
    pool_name: report.name,
    total_capacity_gb: report.totalGb,
    free_capacity_gb: report.freeGb,
    allocated_capacity_gb: report.allocatedGb,
    ...(report.provisionedGb === undefined ? {} : { provisioned_capacity_gb: report.provisionedGb }),
    reserved_percentage: report.reservedPercentage,
    thin_provisioning_support: report.thinSupport,
    thick_provisioning_support: report.thickSupport,
    ...(report.ratio === null ? {} : { max_over_subscription_ratio: report.ratio }),
    volume_backend_name: report.backendName,
    storage_protocol: protocolVariants(report.protocol),
    vendor_name: report.vendorName ?? "Huawei",
    driver_version: report.driverVersion ?? "2.6.3",
  };
  return {
    id: args.id,
    name: `${args.host}@${report.backendName}#${report.name}`,
    az: args.az,
    enabled: args.enabled,
    up: args.up,
    totalGb: report.totalGb,
    freeGb: report.freeGb,
    allocatedGb: report.allocatedGb,
    provisionedGb,
    reservedPercentage: report.reservedPercentage,
    thinSupport: report.thinSupport,
    thickSupport: report.thickSupport,
    maxOverSubscriptionRatio: maxOverSubscriptionRatio({ thinSupport: report.thinSupport, totalGb: report.totalGb, freeGb: report.freeGb, provisionedGb, ratio: report.ratio }, cloudRatio),
    capabilities,
  };
}

/** HostState.consume_from_volume: what the scheduler assumes a placed volume took, until the next report. */
export function consumeVolume(pool: PoolState, sizeGb: number): PoolState {
  return {
    ...pool,
    allocatedGb: pool.allocatedGb + sizeGb,
    provisionedGb: pool.provisionedGb + sizeGb,
    freeGb: isUnbounded(pool.freeGb) ? pool.freeGb : pool.freeGb - sizeGb,
  };
}
