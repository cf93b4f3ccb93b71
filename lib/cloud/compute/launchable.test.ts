import { describe, expect, it } from "vitest";
import { launchability } from "./launchable";
import { HCS_DEFAULTS, NOVA_ZED_DEFAULTS, type HostState } from "./scheduler";
import { testHost } from "./testing";

const GiB = 1024;

const host = (id: string, over: Partial<HostState> & { arch?: string } = {}) => testHost({ id, ...over });
const flavor = (id: string, vcpus: number, extraSpecs: Record<string, string> = {}) => ({ id, vcpus, ramMb: 4 * GiB, diskGb: 40, extraSpecs });
const x86 = { id: "x86", architecture: "x86_64", hypervisorType: null, minRamMb: 0, minDiskGb: 0 };
const arm = { id: "arm", architecture: "aarch64", hypervisorType: null, minRamMb: 0, minDiskGb: 0 };

describe("launchability", () => {
  it("offers what an idle host could take: use and a host down now are no reasons", () => {
    const full = host("h1", { vcpusUsed: 512, memoryMbUsed: 190 * GiB, up: false });
    const out = launchability([full], [flavor("small", 2), flavor("huge", 64)], [x86], NOVA_ZED_DEFAULTS);
    // 64 vCPUs is more than the 32 physical cores of the largest host: never.
    expect(out).toEqual({ az1: { x86: ["small"] } });
  });

  it("leaves out disabled hosts, and answers per AZ and architecture", () => {
    const hosts = [host("a1"), host("a2", { az: "az2", arch: "aarch64", vcpus: 96 }), host("a3", { az: "az2", enabled: false, vcpus: 128 })];
    const out = launchability(hosts, [flavor("small", 2), flavor("big", 96), flavor("giant", 128)], [x86, arm], NOVA_ZED_DEFAULTS);
    expect(out.az1).toEqual({ x86: ["small"], arm: [] });
    expect(out.az2).toEqual({ x86: [], arm: ["small", "big"] });
  });

  it("needs the host-group tag and huge pages some enabled host has", () => {
    const hosts = [host("g", { groups: [{ name: "hp", metadata: { tag: "hugepage" } }], hugePageMemoryMb: 64 * GiB }), host("p")];
    const specs = { "hcs:host_group_tag": "hugepage", "hw:mem_page_size": "large" };
    const out = launchability(hosts, [flavor("hp", 4, specs), flavor("gpu", 4, { "hcs:host_group_tag": "gpu" })], [x86], HCS_DEFAULTS);
    expect(out.az1?.x86).toEqual(["hp"]);
  });
});
