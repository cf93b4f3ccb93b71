// Usable capacity and health of the arrays' RAID: classic RAID groups (0, 1, 5, 6, 10) and
// OceanStor's RAID 2.0+ (disks cut into chunks, chunk groups across disks, hot-spare space
// spread over every disk). Pure: sizes in GiB in, GiB out.

export type ClassicRaidLevel = "RAID0" | "RAID1" | "RAID5" | "RAID6" | "RAID10";

export interface ClassicRaidRule {
  minDisks: number;
  /** Members come in mirror pairs. */
  even: boolean;
  /** Disks' worth of parity or mirror (as a function of the member count). */
  redundancy: (n: number) => number;
  /** Failed members the group survives (any `tolerates` of them; mirrors: one per pair). */
  tolerates: number;
}

/** From the seed notes: RAID 0 stripes (no redundancy), 1 mirrors pairs (50 %), 5 keeps one disk of parity ((n-1)/n), 10 stripes mirror pairs (50 %); RAID 6 keeps two. */
export const CLASSIC_RAID: Record<ClassicRaidLevel, ClassicRaidRule> = {
  RAID0: { minDisks: 2, even: false, redundancy: () => 0, tolerates: 0 },
  RAID1: { minDisks: 2, even: true, redundancy: (n) => n / 2, tolerates: 1 },
  RAID5: { minDisks: 3, even: false, redundancy: () => 1, tolerates: 1 },
  RAID6: { minDisks: 4, even: false, redundancy: () => 2, tolerates: 2 },
  RAID10: { minDisks: 4, even: true, redundancy: (n) => n / 2, tolerates: 1 },
};

export type RaidRefusal = { code: "too_few_disks"; min: number; count: number } | { code: "odd_disks"; count: number } | { code: "no_disks" } | { code: "too_narrow"; width: number; disks: number };

/** Why a classic group of these members cannot be built, or null. */
export function classicRaidRefusal(level: ClassicRaidLevel, disks: number): RaidRefusal | null {
  const rule = CLASSIC_RAID[level];
  if (disks < rule.minDisks) return { code: "too_few_disks", min: rule.minDisks, count: disks };
  if (rule.even && disks % 2 !== 0) return { code: "odd_disks", count: disks };
  return null;
}

/** A classic group stripes over its smallest member: usable = smallest x (members - redundancy). */
export function classicRaidUsableGb(level: ClassicRaidLevel, diskSizesGb: readonly number[]): number {
  const refusal = classicRaidRefusal(level, diskSizesGb.length);
  if (refusal) throw new Error(`RAID ${level}: ${refusal.code}`);
  const smallest = Math.min(...diskSizesGb);
  return smallest * (diskSizesGb.length - CLASSIC_RAID[level].redundancy(diskSizesGb.length));
}

export type RaidHealth = "normal" | "degraded" | "failed";

/**
 * A classic group with failed members (their positions in the group): RAID 0 fails with any;
 * 5 and 6 degrade up to one and two; mirrors (1, 10) fail when both disks of a pair fail.
 */
export function classicRaidHealth(level: ClassicRaidLevel, members: number, failedPositions: readonly number[]): RaidHealth {
  const failed = new Set(failedPositions.filter((p) => p >= 0 && p < members));
  if (failed.size === 0) return "normal";
  if (level === "RAID1" || level === "RAID10") {
    for (let p = 0; p < members; p += 2) if (failed.has(p) && failed.has(p + 1)) return "failed";
    return "degraded";
  }
  return failed.size > CLASSIC_RAID[level].tolerates ? "failed" : "degraded";
}

/** OceanStor RAID 2.0+: a chunk (CK) is 64 MiB; a chunk group (CKG) takes one chunk on each of data + parity disks. */
export const CHUNK_MB = 64;

export interface Raid20Policy {
  /** Chunks of data and of parity (or mirror) per chunk group: RAID 5 4D+1P is {4, 1}, RAID 6 8D+2P {8, 2}, RAID 10 {1, 1}. */
  data: number;
  parity: number;
  /** Hot-spare space, in disks' worth (the largest disks'), kept free on every disk rather than on idle spares. */
  hotSpareDisks: number;
}

export interface Raid20Layout {
  chunksPerDisk: number[];
  spareChunks: number;
  chunkGroups: number;
  usableGb: number;
  /** Chunks no group could use (disks too unequal for the group width). */
  strandedChunks: number;
}

/** The most chunk groups of `width` distinct disks the counts allow: the largest g with sum(min(c, g)) >= width x g. */
export function maxChunkGroups(counts: readonly number[], width: number): number {
  if (width <= 0 || counts.length < width) return 0;
  let lo = 0;
  let hi = Math.floor(counts.reduce((a, b) => a + b, 0) / width);
  while (lo < hi) {
    const g = Math.ceil((lo + hi) / 2);
    const fits = counts.reduce((sum, c) => sum + Math.min(c, g), 0) >= width * g;
    if (fits) lo = g;
    else hi = g - 1;
  }
  return lo;
}

/** Why a RAID 2.0 disk domain of these disks cannot carry the policy, or null. */
export function raid20Refusal(policy: Raid20Policy, disks: number): RaidRefusal | null {
  if (disks === 0) return { code: "no_disks" };
  const width = policy.data + policy.parity;
  // The group's chunks sit on distinct disks, and the spare space must not take the disks it needs.
  if (disks < width + policy.hotSpareDisks) return { code: "too_narrow", width: width + policy.hotSpareDisks, disks };
  return null;
}

/**
 * The usable capacity of a RAID 2.0 disk domain: each disk cut into 64 MiB chunks; the hot-spare
 * space (as many chunks as the largest `hotSpareDisks` disks hold) taken from every disk in
 * proportion to its size; then as many chunk groups as fit on distinct disks, each giving `data`
 * chunks of capacity.
 */
export function raid20Layout(diskSizesGb: readonly number[], policy: Raid20Policy): Raid20Layout {
  const refusal = raid20Refusal(policy, diskSizesGb.length);
  if (refusal) throw new Error(`RAID 2.0: ${refusal.code}`);
  const chunks = diskSizesGb.map((gb) => Math.floor((gb * 1024) / CHUNK_MB));
  const total = chunks.reduce((a, b) => a + b, 0);
  const spareChunks = [...chunks]
    .sort((a, b) => b - a)
    .slice(0, policy.hotSpareDisks)
    .reduce((a, b) => a + b, 0);
  // Spread the spare space in proportion (largest remainders get the leftover chunks, ties by position).
  const shares = chunks.map((c) => (c * spareChunks) / total);
  const taken = shares.map(Math.floor);
  let left = spareChunks - taken.reduce((a, b) => a + b, 0);
  const byRemainder = shares.map((s, i) => ({ i, r: s - Math.floor(s) })).sort((a, b) => b.r - a.r || a.i - b.i);
  for (const { i } of byRemainder) {
    if (left <= 0) break;
    taken[i] = (taken[i] as number) + 1;
    left--;
  }
  const usable = chunks.map((c, i) => c - (taken[i] as number));
  const width = policy.data + policy.parity;
  const chunkGroups = maxChunkGroups(usable, width);
  return {
    chunksPerDisk: chunks,
    spareChunks,
    chunkGroups,
    usableGb: (chunkGroups * policy.data * CHUNK_MB) / 1024,
    strandedChunks: usable.reduce((a, b) => a + b, 0) - chunkGroups * width,
  };
}

/**
 * A RAID 2.0 disk domain with failed disks: while the hot-spare space can rebuild them it is
 * degraded (reconstruction runs into the spare chunks); more simultaneous failures than the
 * policy's parity fail it.
 */
export function raid20Health(policy: Raid20Policy, failedDisks: number): RaidHealth {
  if (failedDisks <= 0) return "normal";
  return failedDisks > policy.parity ? "failed" : "degraded";
}
