import { z } from "zod";
import { numeric } from "./numeric";
import { thinRatio } from "./settings";

// Service OM's storage administration: pools (ratio override, state, AZ) and volume types.

const poolId = z.string().min(1).max(64);

/** A pool's max_over_subscription_ratio override: a ratio, "auto", or "" to follow the CPS setting. */
export const poolRatioInput = z.object({ id: poolId, ratio: z.union([z.literal(""), thinRatio]) });

/** enable/disable: the pool's backend service as the scheduler sees it (Cinder's service-disable); start/stop: a failure drill of its cinder-volume. */
export const poolStateInput = z.object({ id: poolId, op: z.enum(["enable", "disable", "start", "stop"]), reason: z.string().trim().max(255).optional() });

export const movePoolInput = z.object({ id: poolId, azId: z.string().trim().min(1, { message: "az_required" }).max(64) });

/** Extra-spec keys as Cinder stores them (namespaced capability keys included); values up to 255 characters. */
const specKey = z.string().trim().regex(/^[-A-Za-z0-9_:.]{1,255}$/, { message: "spec_key_invalid" });
const specValue = z.string().trim().min(1, { message: "spec_value_required" }).max(255);

const qos = z.preprocess((v) => (v === "" || v === null ? undefined : v), numeric(z.number().int().min(1, { message: "qos_range" }).max(10_000_000, { message: "qos_range" })).optional());

export const volumeTypeInput = z.object({
  name: z.string().trim().min(1, { message: "name_required" }).max(64, { message: "name_too_long" }),
  description: z.string().trim().max(255).optional(),
  /** volume_backend_name; empty: any backend. */
  backendName: z.string().trim().max(255).optional(),
  /** provisioning:type; empty: Cinder's default (thin). */
  provisioning: z.enum(["", "thin", "thick"]).optional(),
  /** RESKEY:availability_zones; empty: every AZ. */
  azIds: z.array(z.string().min(1).max(64)).max(50).optional(),
  /** Further capability specs (e.g. `compression` = `<is> True`, `tier` = `performance`). */
  specs: z.array(z.object({ key: specKey, value: specValue })).max(30).optional(),
  qosIops: qos,
  qosMbps: qos,
  isPublic: z.boolean(),
  /** The VDCs a private type is shared with. */
  vdcIds: z.array(z.string().min(1).max(64)).max(200).optional(),
});
export type VolumeTypeInput = z.infer<typeof volumeTypeInput>;

export const volumeTypeAccessInput = z.object({ id: z.string().min(1).max(64), isPublic: z.boolean(), vdcIds: z.array(z.string().min(1).max(64)).max(200) });
export const volumeTypeIdInput = z.object({ id: z.string().min(1).max(64) });
