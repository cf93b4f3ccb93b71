import { describe, expect, it } from "vitest";
import { CHUNK_MB, classicRaidHealth, classicRaidRefusal, classicRaidUsableGb, maxChunkGroups, raid20Health, raid20Layout, raid20Refusal } from "./raid";

describe("classic RAID groups", () => {
  it.each([
    ["RAID0", [1000, 1000], 2000],
    ["RAID1", [1200, 1200], 1200],
    ["RAID1", [1200, 1200, 1200, 1200], 2400],
    ["RAID5", [600, 600, 600], 1200],
    // A group stripes over its smallest member: the larger disk's extra space is lost.
    ["RAID5", [600, 600, 600, 900], 1800],
    ["RAID6", [1000, 1000, 1000, 1000, 1000, 1000], 4000],
    ["RAID10", [1200, 1200, 1200, 1200], 2400],
  ] as const)("%s over %j gives %i GiB", (level, disks, usable) => {
    expect(classicRaidUsableGb(level, disks)).toBe(usable);
  });

  it("refuses groups the level cannot be built from", () => {
    expect(classicRaidRefusal("RAID0", 1)).toEqual({ code: "too_few_disks", min: 2, count: 1 });
    expect(classicRaidRefusal("RAID5", 2)).toEqual({ code: "too_few_disks", min: 3, count: 2 });
    expect(classicRaidRefusal("RAID1", 3)).toEqual({ code: "odd_disks", count: 3 });
    expect(classicRaidRefusal("RAID10", 6)).toBeNull();
    expect(classicRaidRefusal("RAID10", 5)).toEqual({ code: "odd_disks", count: 5 });
    expect(() => classicRaidUsableGb("RAID10", [1, 1, 1])).toThrow(/too_few_disks/);
  });

  it("degrades and fails as each level tolerates", () => {
    expect(classicRaidHealth("RAID0", 4, [2])).toBe("failed");
    expect(classicRaidHealth("RAID5", 5, [])).toBe("normal");
    expect(classicRaidHealth("RAID5", 5, [3])).toBe("degraded");
    expect(classicRaidHealth("RAID5", 5, [0, 3])).toBe("failed");
    expect(classicRaidHealth("RAID6", 6, [0, 3])).toBe("degraded");
    expect(classicRaidHealth("RAID6", 6, [0, 3, 5])).toBe("failed");
    // Mirrors: one disk of every pair may fail, never both of one pair.
    expect(classicRaidHealth("RAID10", 4, [0, 2])).toBe("degraded");
    expect(classicRaidHealth("RAID10", 4, [2, 3])).toBe("failed");
    expect(classicRaidHealth("RAID1", 2, [1])).toBe("degraded");
  });
});

describe("RAID 2.0+ disk domains", () => {
  it("cuts disks into 64 MiB chunks and keeps one disk's worth of hot spare spread over all", () => {
    // Ten 1,200 GiB disks, RAID 5 4D+1P, hot spare of one disk: nine disks' worth at 4/5.
    const layout = raid20Layout(Array(10).fill(1200), { data: 4, parity: 1, hotSpareDisks: 1 });
    expect(layout.chunksPerDisk[0]).toBe((1200 * 1024) / CHUNK_MB);
    expect(layout.spareChunks).toBe(19_200);
    expect(layout.chunkGroups).toBe(34_560);
    expect(layout.usableGb).toBe(8640);
    expect(layout.strandedChunks).toBe(0);
  });

  it("strands the space a chunk group cannot spread over distinct disks", () => {
    // One large disk among four small ones: every group needs 5 distinct disks, so the large disk
    // contributes only as many chunks as the small ones have.
    const layout = raid20Layout([4000, 1000, 1000, 1000, 1000], { data: 4, parity: 1, hotSpareDisks: 0 });
    expect(layout.chunkGroups).toBe(16_000);
    expect(layout.usableGb).toBe(4000);
    expect(layout.strandedChunks).toBe(48_000);
  });

  it("mirrors chunk pairs for RAID 10 (half the raw space) and RAID 6 keeps two parity chunks", () => {
    expect(raid20Layout([1000, 1000, 1000, 1000], { data: 1, parity: 1, hotSpareDisks: 0 }).usableGb).toBe(2000);
    expect(raid20Layout(Array(12).fill(1000), { data: 8, parity: 2, hotSpareDisks: 2 }).usableGb).toBe(8000);
  });

  it("counts chunk groups exactly and refuses a domain narrower than a group plus its spares", () => {
    expect(maxChunkGroups([3, 3, 3], 3)).toBe(3);
    expect(maxChunkGroups([10, 1, 1], 2)).toBe(2);
    expect(maxChunkGroups([5, 5], 3)).toBe(0);
    expect(raid20Refusal({ data: 4, parity: 1, hotSpareDisks: 1 }, 5)).toEqual({ code: "too_narrow", width: 6, disks: 5 });
    expect(raid20Refusal({ data: 4, parity: 1, hotSpareDisks: 1 }, 0)).toEqual({ code: "no_disks" });
    expect(raid20Health({ data: 4, parity: 1, hotSpareDisks: 1 }, 1)).toBe("degraded");
    expect(raid20Health({ data: 8, parity: 2, hotSpareDisks: 1 }, 3)).toBe("failed");
  });
});
