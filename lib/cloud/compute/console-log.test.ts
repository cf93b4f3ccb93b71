import { describe, expect, it } from "vitest";
import { consoleLog } from "./console-log";

const base = { id: "11111111-2222-3333-4444-555555555555", name: "web-1", osType: "linux", osVersion: "CentOS 7.9", architecture: "x86_64", ipAddress: "192.168.0.5", macAddress: "fa:16:3e:00:11:22", vmState: "active", powerState: "running", launchedAt: new Date("2026-01-01T00:00:00Z") };

describe("console log", () => {
  it("shows the boot, the DHCP lease, the metadata service and the login prompt", () => {
    const log = consoleLog(base);
    expect(log).toContain("192.168.0.5");
    expect(log).toContain("169.254.169.254");
    expect(log).toContain("web-1 login:");
    expect(consoleLog(base)).toBe(log);
  });
  it("is empty before the instance ever ran, ends with power-down when stopped, and honours the line limit", () => {
    expect(consoleLog({ ...base, launchedAt: null })).toBe("");
    expect(consoleLog({ ...base, vmState: "stopped", powerState: "shutdown" })).toContain("Power down");
    expect(consoleLog(base, 3).trim().split("\n")).toHaveLength(3);
  });
});
