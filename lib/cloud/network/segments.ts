// Network segmentation as ML2 configures it: tenant networks take a VXLAN VNI from the
// configured ranges (`vni_ranges = 1001:2000`), provider networks a VLAN id of a physical network
// (`network_vlan_ranges = physnet1:100:199`). The ranges are parsed and checked as neutron_lib's
// plugin utils and ML2's tunnel type driver do; the allocation itself is a conditional claim of
// one free id in the database (no two networks ever share one).

export const MIN_VLAN_TAG = 1;
export const MAX_VLAN_TAG = 4094;
export const MIN_VXLAN_VNI = 1;
export const MAX_VXLAN_VNI = 2 ** 24 - 1;

export interface SegmentRange {
  min: number;
  max: number;
}

export type RangeError =
  | { code: "invalid_id"; value: string; kind: "vxlan" | "vlan" }
  | { code: "end_before_start"; kind: "vxlan" | "vlan" }
  | { code: "malformed"; entry: string }
  | { code: "physical_network_name" };

/** Python's int() on a config value: optional whitespace, a sign, decimal digits. */
const pyInt = (s: string): number | null => (/^\s*[+-]?\d+\s*$/.test(s) ? Number(s) : null);

/** ML2's _parse_tunnel_ranges with verify_tunnel_range: `min:max`, each a valid VNI, min <= max. */
export function parseVniRange(entry: string): SegmentRange | RangeError {
  const parts = entry.trim().split(":");
  const [a, b] = parts.map((p) => pyInt(p.trim()));
  if (parts.length !== 2 || a === null || b === null || a === undefined || b === undefined) return { code: "malformed", entry };
  for (const v of [a, b]) if (v < MIN_VXLAN_VNI || v > MAX_VXLAN_VNI) return { code: "invalid_id", value: String(v), kind: "vxlan" };
  if (b < a) return { code: "end_before_start", kind: "vxlan" };
  return { min: a, max: b };
}

/** neutron_lib's parse_network_vlan_range: `physnet` (no range: flat use) or `physnet:min:max`, tags 1-4094, min <= max. */
export function parseVlanRange(entry: string): { physnet: string; range: SegmentRange | null } | RangeError {
  const trimmed = entry.trim();
  if (!trimmed.includes(":")) return { physnet: trimmed, range: null };
  const parts = trimmed.split(":");
  if (parts.length !== 3) return { code: "malformed", entry: trimmed };
  const [physnet, minText, maxText] = parts as [string, string, string];
  if (!physnet) return { code: "physical_network_name" };
  const min = pyInt(minText);
  if (min === null) return { code: "invalid_id", value: minText, kind: "vlan" };
  const max = pyInt(maxText);
  if (max === null) return { code: "invalid_id", value: maxText, kind: "vlan" };
  for (const v of [min, max]) if (v < MIN_VLAN_TAG || v > MAX_VLAN_TAG) return { code: "invalid_id", value: String(v), kind: "vlan" };
  if (max < min) return { code: "end_before_start", kind: "vlan" };
  return { physnet, range: { min, max } };
}

export const isRangeError = (r: object): r is RangeError => "code" in r;

/**
 * The ids a set of ranges offers, for the allocation table: rows to add for ids newly in range,
 * and the free rows to drop for ids no longer in any (an allocated id out of range stays until
 * its network goes, as ML2's sync_allocations keeps it).
 */
export function syncSegmentIds(ranges: readonly SegmentRange[], existing: ReadonlyMap<number, boolean>): { add: number[]; remove: number[] } {
  const wanted = new Set<number>();
  for (const r of ranges) for (let id = r.min; id <= r.max; id++) wanted.add(id);
  const add = [...wanted].filter((id) => !existing.has(id)).sort((a, b) => a - b);
  const remove = [...existing].filter(([id, allocated]) => !allocated && !wanted.has(id)).map(([id]) => id).sort((a, b) => a - b);
  return { add, remove };
}
