// Hosts and requests for the pure core's tests: a plain x86_64 KVM host and a small request,
// overridden field by field. (Not used by the application.)
import type { HostState, RequestSpec } from "./scheduler";

const GiB = 1024;

export function testHost(over: Partial<HostState> & { id: string; arch?: string; cpuModel?: string }): HostState {
  const { arch = "x86_64", cpuModel = arch === "aarch64" ? "Kunpeng-920" : "Icelake-Server", ...rest } = over;
  return {
    name: over.id,
    az: "az1",
    enabled: true,
    up: true,
    virtType: "kvm",
    hypervisorVersion: 7002000,
    cpuInfo: { arch, vendor: arch === "aarch64" ? "HiSilicon" : "Intel", model: cpuModel, topology: { cells: 1, sockets: 2, cores: 8, threads: 2 }, features: arch === "aarch64" ? ["asimd"] : ["avx2", "aes"] },
    traits: [],
    vcpus: 32,
    memoryMb: 128 * GiB,
    diskGb: 1000,
    hugePageMemoryMb: 0,
    reservedVcpus: 0,
    reservedMemoryMb: 512,
    reservedDiskGb: 0,
    cpuRatio: 16,
    ramRatio: 1.5,
    diskRatio: 1,
    vcpusUsed: 0,
    memoryMbUsed: 0,
    diskGbUsed: 0,
    hugePagesUsedMb: 0,
    instanceCount: 0,
    groups: [],
    ...rest,
  };
}

export function testRequest(over: Partial<RequestSpec> = {}): RequestSpec {
  return {
    az: "az1",
    projectId: "p1",
    vcpus: 2,
    memoryMb: 4 * GiB,
    diskGb: 40,
    localGb: 40,
    extraSpecs: {},
    image: { architecture: "x86_64", hypervisorType: null, minRamMb: 0, minDiskGb: 0 },
    ...over,
  };
}
