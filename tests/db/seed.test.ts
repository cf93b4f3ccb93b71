import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/server/db";

async function snapshot() {
  const [hosts, groups, members, flavors, images, vdcs, projects, users, roles, nodes, pools, nets] = await Promise.all([
    db.host.findMany({ orderBy: { id: "asc" }, select: { id: true, name: true, vcpus: true, memoryMb: true, cpuModel: true, serialNo: true } }),
    db.hostGroup.count(),
    db.hostGroupMember.count(),
    db.flavor.findMany({ orderBy: { id: "asc" } }),
    db.image.count(),
    db.vdc.count(),
    db.project.count(),
    db.user.findMany({ orderBy: { id: "asc" }, select: { id: true, passwordHash: true } }),
    db.roleAssignment.count(),
    db.deployNode.count(),
    db.storagePool.count(),
    db.externalNetwork.count(),
  ]);
  return { hosts, groups, members, flavors, images, vdcs, projects, users, roles, nodes, pools, nets };
}

describe("the seed", () => {
  it("creates the demo cloud, and seeding again changes nothing", async () => {
    const before = await snapshot();
    expect(before.hosts).toHaveLength(24);
    expect(before.nodes).toBe(5);
    expect(before.users.filter((u) => u.id.startsWith("user-"))).toHaveLength(8);
    execFileSync("npx", ["tsx", "prisma/seed.ts"], { env: process.env, stdio: "pipe" });
    expect(await snapshot()).toEqual(before);
  });
});
