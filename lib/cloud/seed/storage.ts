// The demo arrays as rows: controllers, enclosures, disks, RAID 2.0+ disk domains and the pools on
// them, with each domain's usable capacity computed from its disks (lib/cloud/storage/raid.ts).
import { raid20Layout } from "../storage/raid";
import { STORAGE_ARRAYS } from "./demo-cloud";

const CONTROLLER_SLOTS = 25;
const DISK_ENCLOSURE_SLOTS = 24;

export function demoStorage() {
  const arrays = STORAGE_ARRAYS.map(({ domains: _d, ...a }) => a);
  const controllers = STORAGE_ARRAYS.flatMap((a) =>
    ["A", "B"].map((side, i) => ({ id: `${a.id}-cte0-${side.toLowerCase()}`, arrayId: a.id, name: `CTE0.${side}`, role: i === 0 ? "primary" : "secondary", cacheGb: 128 })),
  );
  const enclosures = STORAGE_ARRAYS.flatMap((a) =>
    a.domains.map((d) => ({
      id: `${a.id}-${d.enclosure.toLowerCase()}`,
      arrayId: a.id,
      name: d.enclosure,
      kind: d.enclosure.startsWith("CTE") ? "controller" : "disk",
      slots: d.enclosure.startsWith("CTE") ? CONTROLLER_SLOTS : DISK_ENCLOSURE_SLOTS,
      cascadePort: d.enclosure.startsWith("CTE") ? null : "CTE0.A.EXP0",
    })),
  );
  const disks = STORAGE_ARRAYS.flatMap((a, ai) =>
    a.domains.flatMap((d, di) =>
      Array.from({ length: d.disks }, (_, slot) => ({
        id: `${a.id}-${d.enclosure.toLowerCase()}-${slot}`,
        arrayId: a.id,
        enclosureId: `${a.id}-${d.enclosure.toLowerCase()}`,
        slot,
        type: d.diskType,
        sizeGb: d.diskGb,
        serialNo: `3SM${String(ai + 1)}${String(di + 1)}${String(slot).padStart(4, "0")}K`,
        raidGroupId: d.id,
      })),
    ),
  );
  const raidGroups = STORAGE_ARRAYS.flatMap((a) =>
    a.domains.map((d) => ({
      id: d.id,
      arrayId: a.id,
      name: `DiskDomain_${d.diskType.replace("-", "")}`,
      kind: "raid20",
      level: d.level,
      dataColumns: d.data,
      parityColumns: d.parity,
      hotSpareDisks: d.hotSpareDisks,
      usableGb: Math.floor(raid20Layout(Array(d.disks).fill(d.diskGb), { data: d.data, parity: d.parity, hotSpareDisks: d.hotSpareDisks }).usableGb),
    })),
  );
  const pools = STORAGE_ARRAYS.flatMap((a) =>
    a.domains.map((d) => {
      const group = raidGroups.find((g) => g.id === d.id) as (typeof raidGroups)[number];
      return {
        id: d.pool.id,
        name: d.pool.name,
        arrayId: a.id,
        raidGroupId: d.id,
        azId: d.pool.azId,
        backendName: d.pool.backendName,
        protocol: d.pool.protocol,
        tier: d.pool.tier,
        diskType: d.diskType,
        // The whole domain: one pool per disk domain in the demo cloud.
        totalGb: group.usableGb,
        reservedPercentage: 5,
        capabilities: d.pool.capabilities,
      };
    }),
  );
  return { arrays, controllers, enclosures, disks, raidGroups, pools };
}
