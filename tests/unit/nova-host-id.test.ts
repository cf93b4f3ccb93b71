import { describe, expect, it } from "vitest";
import { novaHostId } from "@/lib/server/nova-host-id";

describe("novaHostId", () => {
  // Vectors from Python's hashlib.sha224((project_id + host).encode()).hexdigest(), Nova's formula.
  it("is Nova's generate_hostid", () => {
    expect(novaHostId("prj-platform", "cmp-az1-0001")).toBe("7e3f9cb7a73c784f43b250b8eeb430872111647c51b9798f08a3ad1b");
    expect(novaHostId("prj-payments", "cmp-az1-0001")).toBe("3b002d7d1a13701957487064a1a5b14d73e590acf35dbd32190fc5a0");
  });
  it("differs between projects on one host, and is empty without a host", () => {
    expect(novaHostId("a", "h")).not.toBe(novaHostId("b", "h"));
    expect(novaHostId("a", null)).toBe("");
  });
});
