import { describe, expect, it } from "vitest";
import { db } from "@/lib/server/db";
import { createUser, createVdc, deleteVdc, setQuota, setResourceSet, updateUser } from "@/lib/server/services/organizations";
import { vdcDetail, vdcTree, listAudit } from "@/lib/server/queries/organizations";
import { DomainError, ForbiddenError, NotFoundError } from "@/lib/cloud/shared";
import { actor } from "./helpers";

const REGION = "cn-south-1";
const code = (e: unknown) => (e instanceof DomainError ? `${e.code}:${String(e.params.reason ?? "")}` : String(e));

describe("organization rules through the services", () => {
  it("builds at most five levels, each child within its parent's limits and AZs", async () => {
    const op = await actor("op_admin");
    const top = await createVdc(op, { parentId: null, name: "Depth Corp", regionId: REGION, azIds: ["az1"], quotas: { instances: 20 } });
    expect(await db.project.count({ where: { vdcId: top.id } })).toBe(1);
    let parent = top.id;
    for (let level = 2; level <= 5; level++) parent = (await createVdc(op, { parentId: parent, name: `L${level}`, regionId: REGION, azIds: ["az1"], quotas: { instances: 5 } })).id;
    const sixth = await createVdc(op, { parentId: parent, name: "L6", regionId: REGION, azIds: ["az1"] }).catch(code);
    expect(sixth).toBe("TREE_RULE:max_depth");
    const tooBig = await createVdc(op, { parentId: top.id, name: "Greedy", regionId: REGION, azIds: ["az1"], quotas: { instances: 21 } }).catch(code);
    expect(tooBig).toBe("TREE_RULE:quota_exceeds_parent");
    const wrongAz = await createVdc(op, { parentId: top.id, name: "Elsewhere", regionId: REGION, azIds: ["az2"] }).catch(code);
    expect(wrongAz).toBe("TREE_RULE:az_outside_parent");
    // A new child starts from OpenStack's defaults capped by the parent (20 instances -> 10).
    const child = await createVdc(op, { parentId: top.id, name: "Defaults", regionId: REGION, azIds: ["az1"] });
    const q = await db.quota.findUniqueOrThrow({ where: { vdcId_regionId_resource: { vdcId: child.id, regionId: REGION, resource: "instances" } } });
    expect(q.hardLimit).toBe(10);
    // Lowering the parent below a child's limit is refused and names the child.
    const lower = await setQuota(op, { vdcId: top.id, regionId: REGION, resource: "instances", limit: 4 }).catch((e: DomainError) => e);
    expect(code(lower)).toBe("TREE_RULE:quota_below_child");
    // Narrowing the parent's AZs while a child still uses one is refused too.
    await setResourceSet(op, { vdcId: top.id, regionId: REGION, azIds: ["az1", "az2"] });
    await setResourceSet(op, { vdcId: child.id, regionId: REGION, azIds: ["az2"] });
    expect(await setResourceSet(op, { vdcId: top.id, regionId: REGION, azIds: ["az1"] }).catch(code)).toBe("TREE_RULE:child_uses_az");
    // A VDC with children cannot be deleted; the refusal names them.
    const del = await deleteVdc(op, top.id).catch((e: DomainError) => e);
    expect(code(del)).toBe("TREE_RULE:has_children");
    expect((del as DomainError).params.names).toContain("Defaults");
    await deleteVdc(op, child.id);
    expect(await db.vdc.findUnique({ where: { id: child.id } })).toBeNull();
  });

  it("a VDC admin manages only their subtree and never their own VDC's limits", async () => {
    const rdAdmin = await actor("vdc_admin"); // R&D Center
    const tree = await vdcTree(rdAdmin);
    expect(tree.map((n) => n.name)).toEqual(["R&D Center"]);
    await expect(vdcDetail(rdAdmin, "vdc-finance")).rejects.toBeInstanceOf(NotFoundError);
    expect(code(await setQuota(rdAdmin, { vdcId: "vdc-rd", regionId: REGION, resource: "cores", limit: 10 }).catch((e) => e))).toBe("TREE_RULE:own_limits");
    await setQuota(rdAdmin, { vdcId: "vdc-rd-ai", regionId: REGION, resource: "cores", limit: 100 });
    await expect(setQuota(rdAdmin, { vdcId: "vdc-finance-risk", regionId: REGION, resource: "cores", limit: 10 })).rejects.toBeInstanceOf(NotFoundError);
    await expect(createVdc(rdAdmin, { parentId: null, name: "Rogue", regionId: REGION, azIds: [] })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(createVdc(rdAdmin, { parentId: "vdc-finance", name: "Rogue", regionId: REGION, azIds: [] })).rejects.toBeInstanceOf(NotFoundError);
    // Users: only in the subtree, only VDC-level roles, and the password policy applies.
    await expect(createUser(rdAdmin, { username: "rogue_cloud", displayName: "R", password: "Strong@Pass1", role: "cloud_admin", vdcId: null })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(createUser(rdAdmin, { username: "fin_person", displayName: "F", password: "Strong@Pass1", role: "tenant_user", vdcId: "vdc-finance-payments" })).rejects.toBeInstanceOf(NotFoundError);
    expect(code(await createUser(rdAdmin, { username: "ai_person", displayName: "A", password: "ai_person99", role: "tenant_user", vdcId: "vdc-rd-ai" }).catch((e) => e))).toBe("INVALID_INPUT:password_contains_username");
    const { id } = await createUser(rdAdmin, { username: "ai_person", displayName: "A", password: "Strong@Pass1", role: "tenant_user", vdcId: "vdc-rd-ai" });
    const created = await db.user.findUniqueOrThrow({ where: { id }, include: { roles: true } });
    expect(created.projectId).toBe("prj-ai");
    expect(created.roles.map((r) => [r.role, r.projectId])).toEqual([["tenant_user", "prj-ai"]]);
    // Disabling a user ends their sessions.
    await db.userSession.create({ data: { userId: id } });
    await updateUser(rdAdmin, id, { disabled: true });
    expect(await db.userSession.count({ where: { userId: id, revokedAt: null } })).toBe(0);
    // The VDC admin's audit view shows their subtree's entries, not Finance's.
    const audit = await listAudit(rdAdmin, { page: 1, pageSize: 100 });
    expect(audit.rows.some((r) => r.action === "user.create" && r.result === "success")).toBe(true);
    expect(audit.rows.every((r) => r.vdc === null || ["R&D Center", "Platform", "AI Lab"].includes(r.vdc))).toBe(true);
  });
});
