import { z } from "zod";
import { numeric } from "./numeric";
import { isRangeError, parseVniRange } from "@/lib/cloud/network/segments";

/**
 * Cinder's max_over_subscription_ratio: a number from 1 (no over-subscription) to 100, or "auto"
 * (Cinder computes it from what is provisioned and used). Kept as text, as Cinder keeps it.
 */
export const thinRatio = z
  .string()
  .trim()
  .regex(/^(auto|\d{1,3}(\.\d{1,2})?)$/, { message: "thin_ratio_invalid" })
  .refine((v) => v === "auto" || (Number(v) >= 1 && Number(v) <= 100), { message: "thin_ratio_invalid" });

/** The VNIs the allocation table offers at most (ML2 keeps a row per VNI: a table this size stays cheap). */
export const MAX_VNIS = 200_000;

/** ML2's vni_ranges: comma-separated min:max entries, each as ML2 parses it, 200,000 VNIs at most in all. */
export const vniRangesText = z
  .string()
  .trim()
  .max(400)
  .refine((v) => v.split(",").every((e) => !isRangeError(parseVniRange(e))), { message: "vni_ranges_invalid" })
  .refine((v) => v.split(",").reduce((n, e) => { const r = parseVniRange(e); return isRangeError(r) ? n : n + r.max - r.min + 1; }, 0) <= MAX_VNIS, { message: "vni_ranges_too_many" });

export const cloudSettingsInput = z.object({
  cpuAllocationRatio: numeric(z.number().min(1, { message: "ratio_min" }).max(64, { message: "ratio_max" })),
  ramAllocationRatio: numeric(z.number().min(0.5, { message: "ratio_min" }).max(8, { message: "ratio_max" })),
  diskAllocationRatio: numeric(z.number().min(0.5, { message: "ratio_min" }).max(8, { message: "ratio_max" })),
  reservedHostCpus: numeric(z.number().int().min(0, { message: "non_negative" }).max(64)),
  reservedHostMemoryMb: numeric(z.number().int().min(0, { message: "non_negative" }).max(262144)),
  hostSubsetSize: numeric(z.number().int().min(1).max(100)),
  ramWeightMultiplier: numeric(z.number().min(-100).max(100)),
  cpuWeightMultiplier: numeric(z.number().min(-100).max(100)),
  diskWeightMultiplier: numeric(z.number().min(-100).max(100)),
  powerSyncSeconds: numeric(z.number().int().min(10, { message: "sync_range" }).max(86400, { message: "sync_range" })),
  // 0 = never auto-confirm (Nova's default); at most a week.
  resizeConfirmWindowSeconds: numeric(z.number().int().min(0, { message: "non_negative" }).max(7 * 86400, { message: "window_max" })),
  isolatedAggregateFiltering: z.boolean(),
  hcsHostGroupPreference: z.boolean(),
  thinProvisioningRatio: thinRatio,
  capacityWeightMultiplier: numeric(z.number().min(-100).max(100)),
  vniRanges: vniRangesText,
});
export type CloudSettingsInput = z.infer<typeof cloudSettingsInput>;

export const clockInput = z.object({
  speed: numeric(z.number().min(0.1, { message: "speed_range" }).max(1000, { message: "speed_range" })),
  advanceSeconds: numeric(z.number().int().min(0).max(30 * 86400)).default(0),
});

export const hostEnableInput = z.object({
  id: z.string().min(1),
  enabled: z.boolean(),
  reason: z.string().trim().max(255).optional(),
});

/** Per-host overrides of the cloud's allocation defaults; null = use the default. */
export const hostAllocationInput = z.object({
  id: z.string().min(1),
  cpuAllocationRatio: numeric(z.number().min(1, { message: "ratio_min" }).max(64, { message: "ratio_max" })).nullable(),
  ramAllocationRatio: numeric(z.number().min(0.5, { message: "ratio_min" }).max(8, { message: "ratio_max" })).nullable(),
  diskAllocationRatio: numeric(z.number().min(0.5, { message: "ratio_min" }).max(8, { message: "ratio_max" })).nullable(),
  reservedMemoryMb: numeric(z.number().int().min(0, { message: "non_negative" }).max(262144)).nullable(),
});
export type HostAllocationInput = z.infer<typeof hostAllocationInput>;
