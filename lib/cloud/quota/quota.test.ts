import { describe, expect, it } from "vitest";
import { available, checkLimitChange, firstShortfall, fits, initialLimits, instanceDemand, OPENSTACK_DEFAULTS, resizeDelta, addDemand, UNLIMITED, type ChainLevel } from "./quota";
import { ancestorChain, canHaveChild, deleteRefusal, subtreeIds } from "./vdc-tree";

describe("quota arithmetic", () => {
  it.each([
    [10, 9, 1, true],
    [10, 9, 2, false],
    [10, 10, 0, true],
    [UNLIMITED, 1e9, 1e9, true],
    [0, 0, 1, false],
  ])("limit %i, used %i, +%i fits: %s", (limit, used, req, ok) => {
    expect(fits(limit, used, req)).toBe(ok);
  });

  it("reports what is available, or null for unlimited", () => {
    expect(available(10, 4)).toBe(6);
    expect(available(10, 12)).toBe(0);
    expect(available(UNLIMITED, 4)).toBeNull();
  });

  it("counts an ECS as one instance, its vCPUs and its RAM in whole GB", () => {
    expect(instanceDemand({ vcpus: 2, ramMb: 4096 })).toEqual({ instances: 1, cores: 2, ram_gb: 4 });
    expect(instanceDemand({ vcpus: 1, ramMb: 1536 }, 3)).toEqual({ instances: 3, cores: 3, ram_gb: 6 });
  });

  const chain: ChainLevel[] = [
    { vdcId: "leaf", vdcName: "Leaf", limits: { instances: { limit: 5, used: 1 }, cores: { limit: UNLIMITED, used: 40 } } },
    { vdcId: "mid", vdcName: "Mid", limits: { instances: { limit: 8, used: 7 }, cores: { limit: 100, used: 40 } } },
    { vdcId: "top", vdcName: "Top", limits: { instances: { limit: 100, used: 7 }, cores: { limit: 41, used: 40 } } },
  ];

  it("finds the nearest level that cannot take a demand", () => {
    expect(firstShortfall(chain, { instances: 1, cores: 1 })).toBeNull();
    expect(firstShortfall(chain, { instances: 2 })).toEqual({ vdcId: "mid", vdcName: "Mid", resource: "instances", requested: 2, available: 1 });
    expect(firstShortfall(chain, { instances: 1, cores: 2 })).toEqual({ vdcId: "top", vdcName: "Top", resource: "cores", requested: 2, available: 1 });
    expect(firstShortfall(chain, {})).toBeNull();
  });
});

describe("limit changes", () => {
  const cases: [string, Parameters<typeof checkLimitChange>[0], string | null][] = [
    ["a limit within the parent's", { newLimit: 10, used: 3, parentLimit: 20, children: [] }, null],
    ["equal to the parent's", { newLimit: 20, used: 3, parentLimit: 20, children: [] }, null],
    ["above the parent's", { newLimit: 21, used: 3, parentLimit: 20, children: [] }, "exceeds_parent"],
    ["unlimited under a finite parent", { newLimit: UNLIMITED, used: 3, parentLimit: 20, children: [] }, "exceeds_parent"],
    ["unlimited under an unlimited parent", { newLimit: UNLIMITED, used: 3, parentLimit: UNLIMITED, children: [] }, null],
    ["a first-level VDC has no parent", { newLimit: 1000, used: 0, parentLimit: null, children: [] }, null],
    ["below current usage", { newLimit: 2, used: 3, parentLimit: 20, children: [] }, "below_usage"],
    ["exactly the usage", { newLimit: 3, used: 3, parentLimit: 20, children: [] }, null],
    ["below a child's limit", { newLimit: 5, used: 0, parentLimit: null, children: [{ name: "c", limit: 6 }] }, "below_child"],
    ["finite over an unlimited child", { newLimit: 5, used: 0, parentLimit: null, children: [{ name: "c", limit: UNLIMITED }] }, "below_child"],
    ["negative other than -1", { newLimit: -2, used: 0, parentLimit: null, children: [] }, "invalid_limit"],
    ["not a whole number", { newLimit: 1.5, used: 0, parentLimit: null, children: [] }, "invalid_limit"],
  ];
  for (const [name, input, code] of cases)
    it(name, () => {
      expect(checkLimitChange(input)?.code ?? null).toBe(code);
    });

  it("starts a new VDC from OpenStack's defaults, capped by its parent", () => {
    expect(initialLimits(null)).toEqual(OPENSTACK_DEFAULTS);
    const l = initialLimits({ instances: 4, cores: UNLIMITED });
    expect(l.instances).toBe(4);
    expect(l.cores).toBe(OPENSTACK_DEFAULTS.cores);
  });
});

describe("the VDC tree", () => {
  const nodes = [
    { id: "a", parentId: null, level: 1 },
    { id: "b", parentId: "a", level: 2 },
    { id: "c", parentId: "b", level: 3 },
    { id: "d", parentId: "a", level: 2 },
    { id: "x", parentId: null, level: 1 },
  ];
  it("walks subtrees and ancestor chains", () => {
    expect([...subtreeIds(nodes, "a")].sort()).toEqual(["a", "b", "c", "d"]);
    expect([...subtreeIds(nodes, "b")].sort()).toEqual(["b", "c"]);
    expect(ancestorChain(nodes, "c").map((n) => n.id)).toEqual(["c", "b", "a"]);
  });
  it("allows at most five levels", () => {
    expect(canHaveChild(4)).toBe(true);
    expect(canHaveChild(5)).toBe(false);
  });
  it("refuses to delete a VDC with children or resources, saying which", () => {
    expect(deleteRefusal({ childNames: ["Payments"], resources: {} })).toEqual({ code: "has_children", names: ["Payments"] });
    expect(deleteRefusal({ childNames: [], resources: { instances: 2, projects: 0 } })).toEqual({ code: "has_resources", count: 2, kinds: ["instances"] });
    expect(deleteRefusal({ childNames: [], resources: { instances: 0 } })).toBeNull();
  });
});

describe("resizeDelta", () => {
  it("an upsize reserves the difference up front and gives nothing back on confirm", () => {
    expect(resizeDelta({ vcpus: 2, ramMb: 4096 }, { vcpus: 4, ramMb: 8192 })).toEqual({ up: { cores: 2, ram_gb: 4 }, down: {} });
  });
  it("a downsize reserves nothing and gives the difference back on confirm", () => {
    expect(resizeDelta({ vcpus: 8, ramMb: 16384 }, { vcpus: 2, ramMb: 4096 })).toEqual({ up: {}, down: { cores: 6, ram_gb: 12 } });
  });
  it("mixed: more vCPUs, less RAM", () => {
    expect(resizeDelta({ vcpus: 2, ramMb: 8192 }, { vcpus: 4, ramMb: 4096 })).toEqual({ up: { cores: 2 }, down: { ram_gb: 4 } });
  });
  it("RAM is counted in whole GB, rounded up, as at launch", () => {
    expect(resizeDelta({ vcpus: 1, ramMb: 1000 }, { vcpus: 1, ramMb: 1024 })).toEqual({ up: {}, down: {} });
  });
});

describe("addDemand", () => {
  it("adds resource by resource, keeping resources only one side has", () => {
    expect(addDemand({ instances: 1, cores: 2 }, { cores: 4, ram_gb: 8 })).toEqual({ instances: 1, cores: 6, ram_gb: 8 });
  });
});
