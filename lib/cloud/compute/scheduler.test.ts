import { describe, expect, it } from "vitest";
import { seededRandom } from "../shared/random";
import { matchesExtraSpec } from "./extra-specs-ops";
import { capacityOf, explainNoHost, firstRejection, HCS_DEFAULTS, NOVA_ZED_DEFAULTS, schedule, scheduleBatch, weigh, type HostState, type RequestSpec, type SchedulerSettings } from "./scheduler";
import { testHost, testRequest } from "./testing";

const GiB = 1024;

const host = testHost;
const req = testRequest;

describe("capacity (Placement semantics)", () => {
  it("is (total - reserved) x ratio", () => {
    const c = capacityOf(host({ id: "h", vcpus: 32, memoryMb: 128 * GiB, reservedMemoryMb: 512, diskGb: 1000 }));
    expect(c.vcpuLimit).toBe(512);
    expect(c.memoryMbLimit).toBe(Math.floor((128 * GiB - 512) * 1.5));
    expect(c.diskGbLimit).toBe(1000);
  });
});

describe("filters", () => {
  const hcs = HCS_DEFAULTS;
  const cases: { name: string; host: Partial<HostState> & { arch?: string }; req?: Partial<RequestSpec>; settings?: SchedulerSettings; filter: string | null; code?: string }[] = [
    { name: "passes a plain request", host: {}, filter: null },
    { name: "rejects another AZ", host: { az: "az2" }, filter: "AvailabilityZoneFilter", code: "az_mismatch" },
    { name: "no AZ requested: any AZ passes", host: { az: "az2" }, req: { az: null }, filter: null },
    { name: "rejects a disabled host", host: { enabled: false }, filter: "ComputeFilter", code: "host_disabled" },
    { name: "rejects a down host", host: { up: false }, filter: "ComputeFilter", code: "host_down" },
    { name: "rejects x86 host for an arm64 image", host: {}, req: { image: { architecture: "aarch64", hypervisorType: null, minRamMb: 0, minDiskGb: 0 } }, filter: "ImagePropertiesFilter", code: "arch_mismatch" },
    { name: "canonicalizes amd64 to x86_64, as Nova's Architecture field does", host: {}, req: { image: { architecture: "amd64", hypervisorType: null, minRamMb: 0, minDiskGb: 0 } }, filter: null },
    { name: "arm64 is not an alias of aarch64 in Nova", host: { arch: "aarch64" }, req: { image: { architecture: "arm64", hypervisorType: null, minRamMb: 0, minDiskGb: 0 } }, filter: "ImagePropertiesFilter", code: "arch_mismatch" },
    { name: "a qemu image runs on a KVM host (supported_instances lists kvm and qemu)", host: {}, req: { image: { architecture: "x86_64", hypervisorType: "qemu", minRamMb: 0, minDiskGb: 0 } }, filter: null },
    { name: "a kvm image does not run on a TCG-only host", host: { virtType: "qemu" }, req: { image: { architecture: "x86_64", hypervisorType: "kvm", minRamMb: 0, minDiskGb: 0 } }, filter: "ImagePropertiesFilter", code: "hypervisor_mismatch" },
    { name: "hw_vm_mode xen is not among a libvirt host's hvm triples", host: {}, req: { image: { architecture: "x86_64", hypervisorType: null, vmMode: "xen", minRamMb: 0, minDiskGb: 0 } }, filter: "ImagePropertiesFilter", code: "vm_mode_mismatch" },
    { name: "img_hv_requested_version is checked against hypervisor_version", host: { hypervisorVersion: 6002000 }, req: { image: { architecture: "x86_64", hypervisorType: null, hvRequestedVersion: ">= 7.0", minRamMb: 0, minDiskGb: 0 } }, filter: "ImagePropertiesFilter", code: "hypervisor_version_mismatch" },
    { name: "a satisfied version range passes", host: { hypervisorVersion: 7002000 }, req: { image: { architecture: "x86_64", hypervisorType: null, hvRequestedVersion: ">= 7.0, < 8.0", minRamMb: 0, minDiskGb: 0 } }, filter: null },
    { name: "rejects a hypervisor mismatch", host: {}, req: { image: { architecture: "x86_64", hypervisorType: "vmware", minRamMb: 0, minDiskGb: 0 } }, filter: "ImagePropertiesFilter", code: "hypervisor_mismatch" },
    { name: "HCS mode: the host-group tag must match", host: { groups: [{ name: "g", metadata: { tag: "general" } }] }, req: { extraSpecs: { "hcs:host_group_tag": "hugepage" } }, settings: hcs, filter: "AggregateInstanceExtraSpecsFilter", code: "extra_spec_mismatch" },
    { name: "Nova mode: hcs:host_group_tag is a key of an unknown scope, ignored", host: { groups: [{ name: "g", metadata: { tag: "general" } }] }, req: { extraSpecs: { "hcs:host_group_tag": "hugepage" } }, filter: null },
    { name: "the unscoped tag key is Nova's own aggregate spec", host: { groups: [{ name: "g", metadata: { tag: "general" } }] }, req: { extraSpecs: { tag: "hugepage" } }, filter: "AggregateInstanceExtraSpecsFilter", code: "extra_spec_mismatch" },
    { name: "host-group tag matches one of several values", host: { groups: [{ name: "g", metadata: { tag: "general, hugepage" } }] }, req: { extraSpecs: { "hcs:host_group_tag": "hugepage" } }, settings: hcs, filter: null },
    { name: "Placement: a required trait the host lacks", host: { traits: ["CUSTOM_SSD"] }, req: { extraSpecs: { "trait:CUSTOM_GPU": "required" } }, filter: "TRAITS", code: "trait_missing" },
    { name: "Placement: a forbidden trait the host has", host: { traits: ["CUSTOM_GPU"] }, req: { extraSpecs: { "trait:CUSTOM_GPU": "forbidden" } }, filter: "TRAITS", code: "trait_forbidden" },
    { name: "Placement: an image's traits_required", host: {}, req: { image: { architecture: "x86_64", hypervisorType: null, traitsRequired: ["HW_ARCH_AARCH64"], minRamMb: 0, minDiskGb: 0 } }, filter: "TRAITS", code: "trait_missing" },
    { name: "isolated aggregate: a dedicated group refuses a request that does not require its trait", host: { traits: ["CUSTOM_HUGEPAGES"], groups: [{ name: "hp", metadata: { "trait:CUSTOM_HUGEPAGES": "required" } }] }, settings: hcs, filter: "ISOLATED_AGGREGATES", code: "isolated_aggregate" },
    { name: "isolated aggregate: a request requiring the trait is accepted", host: { traits: ["CUSTOM_HUGEPAGES"], groups: [{ name: "hp", metadata: { "trait:CUSTOM_HUGEPAGES": "required" } }] }, req: { extraSpecs: { "trait:CUSTOM_HUGEPAGES": "required" } }, settings: hcs, filter: null },
    { name: "isolation off (Nova's default): the dedicated group is open", host: { traits: ["CUSTOM_HUGEPAGES"], groups: [{ name: "hp", metadata: { "trait:CUSTOM_HUGEPAGES": "required" } }] }, filter: null },
    { name: "AggregateMultiTenancyIsolation: a group for other projects", host: { groups: [{ name: "fin", metadata: { filter_tenant_id: "p7, p8" } }] }, filter: "AggregateMultiTenancyIsolation", code: "tenant_isolation" },
    { name: "AggregateMultiTenancyIsolation: the project is listed", host: { groups: [{ name: "fin", metadata: { filter_tenant_id: "p7, p1" } }] }, filter: null },
    { name: "Placement asks no disk for a flavor with 0 GB (a full disk does not matter)", host: { diskGb: 100, diskGbUsed: 100 }, req: { diskGb: 0, localGb: 0 }, filter: null },
    { name: "reserved host CPUs come off VCPU capacity", host: { vcpus: 4, reservedVcpus: 1, vcpusUsed: 47 }, filter: "VCPU", code: "insufficient" },
    { name: "scoped aggregate extra spec", host: { groups: [{ name: "g", metadata: { ssd: "true" } }] }, req: { extraSpecs: { "aggregate_instance_extra_specs:ssd": "true" } }, filter: null },
    { name: "namespaced specs like hw:* are not aggregate specs", host: {}, req: { extraSpecs: { "hw:cpu_policy": "shared" } }, filter: null },
    { name: "huge pages need free huge-page memory", host: { hugePageMemoryMb: 16 * GiB, hugePagesUsedMb: 14 * GiB }, req: { extraSpecs: { "hw:mem_page_size": "large" } }, filter: "NUMATopologyFilter", code: "hugepages_insufficient" },
    { name: "huge pages fit", host: { hugePageMemoryMb: 16 * GiB }, req: { extraSpecs: { "hw:mem_page_size": "large" } }, filter: null },
    { name: "small pages ignore huge-page memory", host: { hugePageMemoryMb: 0 }, req: { extraSpecs: { "hw:mem_page_size": "small" } }, filter: null },
    { name: "vCPUs over-committed up to 16x", host: { vcpus: 4, vcpusUsed: 62 }, filter: null },
    { name: "vCPUs beyond 16x are refused", host: { vcpus: 4, vcpusUsed: 63 }, filter: "VCPU", code: "insufficient" },
    { name: "one request never above physical cores", host: { vcpus: 4 }, req: { vcpus: 8 }, filter: "VCPU", code: "exceeds_physical" },
    { name: "RAM uses ratio 1.5 after the 512 MB reservation", host: { memoryMb: 8 * GiB, memoryMbUsed: Math.floor((8 * GiB - 512) * 1.5) - 4 * GiB }, filter: null },
    { name: "RAM one MB short is refused", host: { memoryMb: 8 * GiB, memoryMbUsed: Math.floor((8 * GiB - 512) * 1.5) - 4 * GiB + 1 }, filter: "MEMORY_MB", code: "insufficient" },
    { name: "RAM request above physical total", host: { memoryMb: 8 * GiB }, req: { memoryMb: 9 * GiB }, filter: "MEMORY_MB", code: "exceeds_physical" },
    { name: "image minimums are the API's check, not Placement's", host: { memoryMb: 2 * GiB }, req: { memoryMb: 1 * GiB, image: { architecture: "x86_64", hypervisorType: null, minRamMb: 3 * GiB, minDiskGb: 0 } }, filter: null },
    { name: "disk ratio 1.0: no over-commit", host: { diskGb: 100, diskGbUsed: 61 }, filter: "DISK_GB", code: "insufficient" },
    { name: "a per-host disk ratio overrides", host: { diskGb: 100, diskGbUsed: 61, diskRatio: 2 }, filter: null },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const r = firstRejection(host({ id: "h", ...c.host }), req(c.req), c.settings ?? NOVA_ZED_DEFAULTS);
      expect(r?.filter ?? null).toBe(c.filter);
      if (c.code) expect(r?.code).toBe(c.code);
    });
  }
});

describe("weighers", () => {
  const a = host({ id: "a", memoryMbUsed: 100 * GiB });
  const b = host({ id: "b", memoryMbUsed: 10 * GiB });
  const c = host({ id: "c", memoryMbUsed: 50 * GiB });

  it("normalizes RAM weight to [0,1] and spreads with a positive multiplier", () => {
    const w = weigh([a, b, c], NOVA_ZED_DEFAULTS);
    // Nova's RAMWeigher: free RAM clamped at 0, divided by the largest (minval = 0), not min-max scaled.
    const free = (h: HostState) => h.memoryMb - h.reservedMemoryMb - h.memoryMbUsed;
    expect(w.map((x) => x.ram)).toEqual([free(a) / free(b), 1, free(c) / free(b)]);
    const r = schedule([a, b, c], req(), NOVA_ZED_DEFAULTS, seededRandom(1));
    expect(r.ranked.map((h) => h.id)).toEqual(["b", "c", "a"]);
  });

  it("stacks with a negative multiplier", () => {
    const r = schedule([a, b, c], req(), { ...NOVA_ZED_DEFAULTS, ramWeightMultiplier: -1 }, seededRandom(1));
    expect(r.ranked.map((h) => h.id)).toEqual(["a", "c", "b"]);
  });

  it("ranks only the pick and its alternates unless asked to explain", () => {
    const hosts = Array.from({ length: 20 }, (_, i) => host({ id: `h${String(i).padStart(2, "0")}`, memoryMbUsed: i * GiB }));
    const quick = schedule(hosts, req(), NOVA_ZED_DEFAULTS, seededRandom(1), { alternates: 3 });
    expect(quick.ranked.map((h) => h.id)).toEqual(["h00", "h01", "h02", "h03"]);
    expect(quick.verdicts).toEqual([]);
    const full = schedule(hosts, req(), NOVA_ZED_DEFAULTS, seededRandom(1), { explain: true });
    expect(full.ranked).toHaveLength(20);
    expect(full.ranked.map((h) => h.id)).toEqual(hosts.map((h) => h.id));
    expect(full.verdicts.every((v) => v.weights !== null)).toBe(true);
  });

  it("equal free RAM normalizes to 1, not 0: the scale starts at 0 (minval), not at the smallest value", () => {
    const w = weigh([host({ id: "x" }), host({ id: "y" })], NOVA_ZED_DEFAULTS);
    expect(w.map((x) => x.total)).toEqual([1, 1]);
  });

  it("a negative raw value (over-committed host) is clamped to 0 before normalizing", () => {
    const over = host({ id: "over", memoryMbUsed: 200 * GiB });
    const w = weigh([over, host({ id: "y", memoryMbUsed: 64 * GiB }), host({ id: "z" })], NOVA_ZED_DEFAULTS);
    expect(w[0]!.ram).toBe(0);
    expect(w[1]!.ram).toBeCloseTo((64 * GiB - 512) / (128 * GiB - 512), 12);
  });

  it("one weighed host is not weighed at all", () => {
    expect(weigh([host({ id: "only" })], NOVA_ZED_DEFAULTS)).toEqual([{ ram: 0, cpu: 0, disk: 0, group: 0, total: 0 }]);
  });

  it("a host group's weight multiplier overrides the configured one; a host takes the smallest of its groups", () => {
    const stack = [{ name: "s", metadata: { ram_weight_multiplier: "-1" } }, { name: "t", metadata: { ram_weight_multiplier: "2" } }];
    const packed = host({ id: "packed", memoryMbUsed: 100 * GiB, groups: stack });
    const idle = host({ id: "idle", groups: stack });
    const w = weigh([packed, idle], NOVA_ZED_DEFAULTS);
    expect(w.map((x) => x.ram)).toEqual([-((28 * GiB - 512) / (128 * GiB - 512)), -1]);
    // Stacking: the fuller host wins.
    expect(schedule([packed, idle], req(), NOVA_ZED_DEFAULTS, seededRandom(1)).ranked[0]?.id).toBe("packed");
  });

  it("reserved host CPUs count as used in the CPU weigher", () => {
    const settings = { ...NOVA_ZED_DEFAULTS, ramWeightMultiplier: 0, cpuWeightMultiplier: 1 };
    const w = weigh([host({ id: "r", reservedVcpus: 8 }), host({ id: "n" })], settings);
    expect(w[0]!.cpu).toBeCloseTo((32 * 16 - 8) / (32 * 16), 12);
  });

  it("CPU and disk weighers count when their multipliers are set", () => {
    const busyCpu = host({ id: "busy", vcpusUsed: 400 });
    const idleCpu = host({ id: "idle" });
    const settings = { ...NOVA_ZED_DEFAULTS, ramWeightMultiplier: 0, cpuWeightMultiplier: 1 };
    expect(schedule([busyCpu, idleCpu], req(), settings, seededRandom(1)).ranked[0]?.id).toBe("idle");
    const fullDisk = host({ id: "full", diskGbUsed: 900 });
    const disk = { ...NOVA_ZED_DEFAULTS, ramWeightMultiplier: 0, diskWeightMultiplier: 2 };
    expect(schedule([fullDisk, idleCpu], req(), disk, seededRandom(1)).ranked[0]?.id).toBe("idle");
  });

  it("host_subset_size picks randomly among the best N, reproducibly per seed", () => {
    const hosts = [a, b, c];
    const settings = { ...NOVA_ZED_DEFAULTS, hostSubsetSize: 2 };
    const picks = new Set<string>();
    for (let seed = 0; seed < 40; seed++) picks.add(schedule(hosts, req(), settings, seededRandom(seed)).ranked[0]!.id);
    expect([...picks].sort()).toEqual(["b", "c"]);
    const once = schedule(hosts, req(), settings, seededRandom(7)).ranked[0]!.id;
    expect(schedule(hosts, req(), settings, seededRandom(7)).ranked[0]!.id).toBe(once);
  });
});

describe("explaining no valid host", () => {
  it("names the AZ, the RAM asked for and the most any host can give", () => {
    const hosts = [host({ id: "h1", az: "az2", memoryMb: 64 * GiB, memoryMbUsed: 40 * GiB }), host({ id: "h2", az: "az2", memoryMb: 64 * GiB, memoryMbUsed: 60 * GiB }), host({ id: "h3", az: "az1" })];
    const rq = req({ az: "az2", memoryMb: 64 * GiB });
    const r = schedule(hosts, rq, NOVA_ZED_DEFAULTS, seededRandom(1), { explain: true });
    expect(r.ranked).toHaveLength(0);
    const e = explainNoHost(r, rq);
    expect(e).toMatchObject({ az: "az2", hostCount: 2, filter: "MEMORY_MB", code: "insufficient", requested: 64 * GiB });
    expect(e.bestAvailable).toBe(Math.floor((64 * GiB - 512) * 1.5) - 40 * GiB);
    // Every host has a verdict: a rejection with its filter, never a bare "no valid host".
    expect(r.verdicts.every((v) => v.rejection !== null)).toBe(true);
    expect(r.verdicts.find((v) => v.host.id === "h3")?.rejection?.filter).toBe("AvailabilityZoneFilter");
  });

  it("reports a physical limit when no host is big enough", () => {
    const rq = req({ memoryMb: 1024 * GiB });
    const e = explainNoHost(schedule([host({ id: "h" })], rq, NOVA_ZED_DEFAULTS, seededRandom(1), { explain: true }), rq);
    expect(e).toMatchObject({ filter: "MEMORY_MB", code: "exceeds_physical", bestAvailable: 128 * GiB });
  });

  it("reports an empty AZ", () => {
    const rq = req({ az: "az9" });
    expect(explainNoHost(schedule([host({ id: "h" })], rq, NOVA_ZED_DEFAULTS, seededRandom(1), { explain: true }), rq).code).toBe("no_hosts");
  });

  it("reports the architecture wanted", () => {
    const rq = req({ image: { architecture: "aarch64", hypervisorType: null, minRamMb: 0, minDiskGb: 0 } });
    const e = explainNoHost(schedule([host({ id: "h" })], rq, NOVA_ZED_DEFAULTS, seededRandom(1), { explain: true }), rq);
    expect(e).toMatchObject({ filter: "ImagePropertiesFilter", code: "arch_mismatch", wanted: "aarch64" });
  });
});

describe("HCS host-group preference by utilization", () => {
  const tagged = (name: string) => [{ name, metadata: { tag: "gpu" } }];
  it("prefers the tagged group with the lower CPU and RAM utilization, whatever the per-host weights", () => {
    // Group A is busier overall, but its host a2 alone has the most free RAM.
    const a1 = host({ id: "a1", groups: tagged("A"), vcpusUsed: 400, memoryMbUsed: 150 * GiB });
    const a2 = host({ id: "a2", groups: tagged("A") });
    const b1 = host({ id: "b1", groups: tagged("B"), vcpusUsed: 100, memoryMbUsed: 40 * GiB });
    const b2 = host({ id: "b2", groups: tagged("B"), vcpusUsed: 100, memoryMbUsed: 40 * GiB });
    const r = schedule([a1, a2, b1, b2], req({ extraSpecs: { "hcs:host_group_tag": "gpu" } }), HCS_DEFAULTS, seededRandom(1), { explain: true });
    expect(r.ranked.slice(0, 2).map((h) => h.id).sort()).toEqual(["b1", "b2"]);
    expect(r.verdicts.find((v) => v.host.id === "b1")!.weights!.group).toBeGreaterThan(r.verdicts.find((v) => v.host.id === "a2")!.weights!.group);
  });

  it("does nothing without a tag, or with a single tagged group", () => {
    const a = host({ id: "a", groups: tagged("A"), memoryMbUsed: 100 * GiB });
    const b = host({ id: "b", groups: tagged("A") });
    expect(schedule([a, b], req({ extraSpecs: { "hcs:host_group_tag": "gpu" } }), NOVA_ZED_DEFAULTS, seededRandom(1)).ranked[0]?.id).toBe("b");
    expect(schedule([a, b], req(), NOVA_ZED_DEFAULTS, seededRandom(1)).ranked[0]?.id).toBe("b");
  });
});

describe("extra_specs_ops (shared by the aggregate and capabilities filters)", () => {
  it.each([
    ["8", ">= 4", true],
    ["2", ">= 4", false],
    ["8", "= 4", true], // '=' is numeric at-least in Nova
    ["4", "== 4", true],
    ["4.0", "== 4", true],
    ["abc", "== 4", false],
    ["4", "!= 4", false],
    ["kvm", "s== kvm", true],
    ["KVM", "s== kvm", false],
    ["b", "s> a", true],
    ["Intel Xeon Gold 6348", "<in> Gold", true],
    ["Intel Xeon Gold 6348", "<in> Kunpeng", false],
    ["avx avx2 sse4", "<all-in> avx2 sse4", true],
    ["avx sse4", "<all-in> avx2 sse4", false],
    ["aarch64", "<or> x86_64 <or> aarch64", true],
    ["ppc64", "<or> x86_64 <or> aarch64", false],
    ["ssd", "ssd", true],
    ["ssd", "hdd", false],
  ])("%s against %s -> %s", (have, spec, expected) => {
    expect(matchesExtraSpec(have, spec)).toBe(expected);
  });

  it("the aggregate filter accepts an operator in the flavor's value", () => {
    const h = host({ id: "h", groups: [{ name: "g", metadata: { disk: "ssd", gen: "6" } }] });
    expect(firstRejection(h, req({ extraSpecs: { "aggregate_instance_extra_specs:gen": ">= 5" } }))).toBeNull();
    expect(firstRejection(h, req({ extraSpecs: { "aggregate_instance_extra_specs:gen": ">= 7" } }))?.filter).toBe("AggregateInstanceExtraSpecsFilter");
  });
});

describe("ComputeCapabilitiesFilter", () => {
  const kunpeng = host({ id: "arm", arch: "aarch64", cpuModel: "Kunpeng 920", vcpus: 96 });
  const xeon = host({ id: "x86" });
  it.each([
    [{ "capabilities:cpu_info:arch": "aarch64" }, kunpeng, null],
    [{ "capabilities:cpu_info:arch": "aarch64" }, xeon, "capability_mismatch"],
    [{ "capabilities:cpu_info:model": "<in> Kunpeng" }, kunpeng, null],
    [{ "capabilities:vcpus_total": ">= 64" }, kunpeng, null],
    [{ "capabilities:vcpus_total": ">= 64" }, xeon, "capability_mismatch"],
    // libvirt reports QEMU whether guests run on KVM or TCG; the version is an integer.
    [{ "capabilities:hypervisor_type": "s== kvm" }, xeon, "capability_mismatch"],
    [{ "capabilities:hypervisor_type": "QEMU" }, xeon, null],
    [{ "capabilities:hypervisor_version": ">= 7000000" }, xeon, null],
    [{ "capabilities:cpu_info:vendor": "Intel" }, xeon, null],
    [{ "capabilities:cpu_info:features": "<all-in> avx2 aes" }, xeon, null],
    [{ "capabilities:cpu_info:topology:sockets": "== 2" }, xeon, null],
    // Python prints a float ratio as 16.0: "16" does not equal it.
    [{ "capabilities:cpu_allocation_ratio": "16" }, xeon, "capability_mismatch"],
    [{ "capabilities:cpu_allocation_ratio": "16.0" }, xeon, null],
    // total_usable_ram_mb is the physical memory, reservation included.
    [{ "capabilities:total_usable_ram_mb": "== 131072" }, xeon, null],
    // An unscoped key the host reports is a capability too.
    [{ vcpus_total: ">= 64" }, xeon, "capability_mismatch"],
    // A capability the host does not report fails, as in Nova.
    [{ "capabilities:gpu_model": "A100" }, xeon, "capability_mismatch"],
  ] as const)("%o on %s", (extraSpecs, h, code) => {
    const r = firstRejection(h, req({ extraSpecs: { ...extraSpecs }, image: { architecture: h.cpuInfo.arch, hypervisorType: null, minRamMb: 0, minDiskGb: 0 } }));
    expect(r?.code ?? null).toBe(code);
    if (r) expect(r.filter).toBe("ComputeCapabilitiesFilter");
  });

  it("capabilities keys are not read as aggregate metadata", () => {
    expect(firstRejection(kunpeng, req({ extraSpecs: { "capabilities:cpu_info:arch": "aarch64" }, image: { architecture: "aarch64", hypervisorType: null, minRamMb: 0, minDiskGb: 0 } }))).toBeNull();
  });
});

describe("server groups", () => {
  const hosts = [host({ id: "h1" }), host({ id: "h2" }), host({ id: "h3" })];
  it("anti-affinity refuses every host that already runs a member", () => {
    const r = req({ serverGroup: { name: "web", policy: "anti-affinity", hostIds: ["h1", "h2"] } });
    expect(hosts.map((h) => firstRejection(h, r)?.code ?? "ok")).toEqual(["anti_affinity_violation", "anti_affinity_violation", "ok"]);
  });
  it("affinity accepts only the members' host once the group has members", () => {
    const r = req({ serverGroup: { name: "db", policy: "affinity", hostIds: ["h2"] } });
    expect(hosts.map((h) => firstRejection(h, r)?.code ?? "ok")).toEqual(["affinity_violation", "ok", "affinity_violation"]);
  });
  it("an empty affinity group accepts any host", () => {
    const r = req({ serverGroup: { name: "db", policy: "affinity", hostIds: [] } });
    expect(hosts.every((h) => firstRejection(h, r) === null)).toBe(true);
  });
  it("no valid host for an anti-affinity group larger than the hosts names the filter", () => {
    const r = req({ serverGroup: { name: "web", policy: "anti-affinity", hostIds: ["h1", "h2", "h3"] } });
    const res = schedule(hosts, r, NOVA_ZED_DEFAULTS, seededRandom(1), { explain: true });
    expect(res.ranked).toEqual([]);
    const why = explainNoHost(res, r);
    expect(why.filter).toBe("ServerGroupAntiAffinityFilter");
    expect(why.wanted).toBe("web");
  });
});

describe("forced host and ignored hosts (Nova's host manager)", () => {
  const hosts = [host({ id: "h1" }), host({ id: "h2", enabled: false }), host({ id: "h3", groups: [] })];
  it("az:host keeps only the forced host and skips every filter but Placement", () => {
    const r = req({ forceHost: "h3", extraSpecs: { tag: "gpu" } });
    const res = schedule(hosts, r, NOVA_ZED_DEFAULTS, seededRandom(1));
    expect(res.ranked.map((h) => h.id)).toEqual(["h3"]);
  });
  it("a forced host must be enabled (Placement forbids COMPUTE_STATUS_DISABLED)", () => {
    const res = schedule(hosts, req({ forceHost: "h2" }), NOVA_ZED_DEFAULTS, seededRandom(1), { explain: true });
    expect(res.ranked).toEqual([]);
    expect(res.verdicts.find((v) => v.host.id === "h2")?.rejection).toMatchObject({ filter: "ComputeFilter", code: "host_disabled" });
  });
  it("capacity is still checked on a forced host, as Placement would", () => {
    const r = req({ forceHost: "h1", vcpus: 64 });
    const res = schedule(hosts, r, NOVA_ZED_DEFAULTS, seededRandom(1), { explain: true });
    expect(res.ranked).toEqual([]);
    expect(res.verdicts.find((v) => v.host.id === "h1")?.rejection).toMatchObject({ filter: "VCPU", code: "exceeds_physical" });
    expect(res.verdicts.find((v) => v.host.id === "h3")?.rejection).toMatchObject({ filter: "HostManager", code: "not_requested_host" });
  });
  it("a forced host that does not exist explains itself", () => {
    const r = req({ forceHost: "nope" });
    const why = explainNoHost(schedule(hosts, r, NOVA_ZED_DEFAULTS, seededRandom(1), { explain: true }), r);
    expect(why).toMatchObject({ filter: "HostManager", code: "not_requested_host", wanted: "nope" });
  });
  it("ignored hosts (a migration's source) are never chosen", () => {
    const r = req({ ignoreHosts: ["h1"] });
    const res = schedule(hosts, r, NOVA_ZED_DEFAULTS, seededRandom(1), { explain: true });
    expect(res.ranked.map((h) => h.id)).toEqual(["h3"]);
    expect(res.verdicts[0]?.rejection).toEqual({ filter: "HostManager", code: "ignored_host" });
  });
});

describe("a requested destination (migrate or evacuate to a named host)", () => {
  it("keeps only that host and, unlike a forced host, still runs every filter", () => {
    const hosts = [host({ id: "h1" }), host({ id: "h2", enabled: false })];
    const r = req({ requestedHost: "h2" });
    const res = schedule(hosts, r, NOVA_ZED_DEFAULTS, seededRandom(1), { explain: true });
    expect(res.ranked).toEqual([]);
    expect(res.verdicts.map((v) => v.rejection?.code)).toEqual(["not_requested_host", "host_disabled"]);
  });
});

describe("explaining a refusal for a named host", () => {
  it("reports the named host's own verdict, not the other hosts' 'not requested'", () => {
    const hosts = [host({ id: "a" }), host({ id: "b" }), host({ id: "c" })];
    const r = req({ requestedHost: "b", ignoreHosts: ["b"] });
    const why = explainNoHost(schedule(hosts, r, NOVA_ZED_DEFAULTS, seededRandom(1), { explain: true }), r);
    expect(why).toMatchObject({ filter: "HostManager", code: "ignored_host" });
    const full = req({ forceHost: "c", vcpus: 64 });
    expect(explainNoHost(schedule(hosts, full, NOVA_ZED_DEFAULTS, seededRandom(1), { explain: true }), full)).toMatchObject({ filter: "VCPU", code: "exceeds_physical", requested: 64 });
  });
});

describe("the fast path", () => {
  it("ranks the same hosts with or without verdicts; only an explaining run counts the funnel", () => {
    const hosts = [host({ id: "a1" }), host({ id: "b1", az: "az2" }), host({ id: "a2", vcpusUsed: 500 }), host({ id: "b2", az: "az2" }), host({ id: "a3", enabled: false })];
    const r = req();
    const fast = schedule(hosts, r, NOVA_ZED_DEFAULTS, seededRandom(1));
    const full = schedule(hosts, r, NOVA_ZED_DEFAULTS, seededRandom(1), { explain: true });
    expect(fast.funnel).toEqual([]);
    expect(full.funnel.find((f) => f.filter === "AvailabilityZoneFilter")?.remaining).toBe(3);
    expect(fast.ranked.map((h) => h.id)).toEqual(full.ranked.slice(0, fast.ranked.length).map((h) => h.id));
  });
});

describe("several instances in one request (Nova's multi-create loop)", () => {
  it("filters once: the once-per-request filters are not run again for later instances", () => {
    // Two hosts; the first pick fills h1's RAM so far that Placement refuses a second instance there.
    const h1 = host({ id: "h1", memoryMb: 16 * GiB, memoryMbUsed: 0 });
    const h2 = host({ id: "h2", memoryMb: 12 * GiB });
    const r = req({ memoryMb: 10 * GiB });
    const out = scheduleBatch([h1, h2], r, 2, NOVA_ZED_DEFAULTS, seededRandom(1));
    expect(out.failedAt).toBeNull();
    expect(out.placements.map((p) => p[0]!.id)).toEqual(["h1", "h2"]);
    // The hosts passed in are not changed.
    expect(h1.memoryMbUsed).toBe(0);
  });

  it("a host that no longer fits still counts in the normalization, and the next in weight order that Placement accepts takes the instance", () => {
    // After the first pick h1 keeps the most free physical RAM (the weigher), but its VCPU
    // inventory is exhausted: Placement refuses the claim and h3 (next by weight) takes it.
    const h1 = host({ id: "h1", vcpus: 4, cpuRatio: 1, memoryMb: 256 * GiB });
    const h2 = host({ id: "h2", memoryMb: 64 * GiB });
    const h3 = host({ id: "h3", memoryMb: 128 * GiB });
    const r = req({ vcpus: 4, memoryMb: 1 * GiB });
    const out = scheduleBatch([h1, h2, h3], r, 2, NOVA_ZED_DEFAULTS, seededRandom(1));
    expect(out.placements.map((p) => p[0]!.id)).toEqual(["h1", "h3"]);
  });

  it("an anti-affinity group spreads the members of one request", () => {
    const hosts = [host({ id: "h1" }), host({ id: "h2" })];
    const r = req({ serverGroup: { name: "web", policy: "anti-affinity", hostIds: [] } });
    const two = scheduleBatch(hosts, r, 2, NOVA_ZED_DEFAULTS, seededRandom(1));
    expect(new Set(two.placements.map((p) => p[0]!.id)).size).toBe(2);
    expect(scheduleBatch(hosts, r, 3, NOVA_ZED_DEFAULTS, seededRandom(1)).failedAt).toBe(2);
  });

  it("the disk weigher sees root + ephemeral taken off a chosen host, not the swap Placement counts", () => {
    const a = host({ id: "a", diskGb: 1000 });
    const b = host({ id: "b", diskGb: 1000, diskGbUsed: 9 });
    const settings = { ...NOVA_ZED_DEFAULTS, ramWeightMultiplier: 0, diskWeightMultiplier: 1 };
    // root 10 GB + 8 GB of swap: Placement takes 18 GB from the chosen host, Nova's host manager 10.
    const r = req({ diskGb: 18, localGb: 10 });
    const out = scheduleBatch([a, b], r, 2, settings, seededRandom(1));
    // First pick a (1000 > 991 free); then a shows 990 to the weigher against b's 991: b.
    expect(out.placements.map((p) => p[0]!.id)).toEqual(["a", "b"]);
    // Against a b with 989 GB free, a (990 to the weigher; 982 had the swap been taken off) takes both.
    const noSwap = scheduleBatch([a, host({ id: "b", diskGb: 1000, diskGbUsed: 11 })], req({ diskGb: 18, localGb: 10 }), 2, settings, seededRandom(1));
    expect(noSwap.placements.map((p) => p[0]!.id)).toEqual(["a", "a"]);
  });
});
