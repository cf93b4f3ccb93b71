import { describe, expect, it } from "vitest";
import { assignmentScope, grantableRoles, grantRefusal, ROLE_RULES, type GrantRequest } from "./grants";
import { permissionsOf, ROLES } from "./permissions";

const opAdmin = { userId: "op", globalAdmin: true, managedVdcIds: new Set(["rd", "rd-platform", "fin"]), permissions: permissionsOf(["operation_admin"]) };
const vdcAdmin = { userId: "va", globalAdmin: false, managedVdcIds: new Set(["rd", "rd-platform"]), permissions: permissionsOf(["vdc_admin"]) };
const grant = (grantor: GrantRequest["grantor"], role: string, vdcId: string | null, projectId: string | null = null, granteeId = "u1") => grantRefusal({ grantor, granteeId, role, vdcId, projectId });

describe("the role table", () => {
  it("gives every role a scope and a grantor", () => {
    for (const r of ROLES) {
      expect(ROLE_RULES[r].scopes.length).toBeGreaterThan(0);
      expect(ROLE_RULES[r].grantedBy.length).toBeGreaterThan(0);
    }
  });

  it.each([
    ["operation_admin", null, null, "global"],
    ["operation_admin", "rd", null, null],
    ["vdc_admin", null, null, null],
    ["vdc_admin", "rd", null, "vdc"],
    ["approver", null, null, null],
    ["tenant_user", null, null, null],
    ["tenant_user", "rd", "prj", "project"],
    ["tenant_user", null, "prj", "project"],
    ["auditor", null, "prj", null],
    ["no_such_role", null, null, null],
  ])("an assignment of %s on vdc %s / project %s grants at scope %s", (role, vdcId, projectId, scope) => {
    expect(assignmentScope({ role, vdcId, projectId })).toBe(scope);
  });
});

describe("grantRefusal", () => {
  it.each([
    // the VDC admin: VDC roles, inside the subtree, with a scope, not to themselves
    [vdcAdmin, "tenant_user", "rd-platform", null, "u1", null],
    [vdcAdmin, "tenant_user", "rd-platform", "prj-platform", "u1", null],
    [vdcAdmin, "approver", "rd", null, "u1", null],
    [vdcAdmin, "vdc_admin", "rd-platform", null, "u1", null],
    [vdcAdmin, "tenant_user", null, null, "u1", "scope_not_allowed"],
    [vdcAdmin, "vdc_admin", null, null, "u1", "scope_not_allowed"],
    [vdcAdmin, "vdc_admin", "rd", null, "va", "self_grant"],
    [vdcAdmin, "tenant_user", "fin", null, "u1", "outside_subtree"],
    [vdcAdmin, "operation_admin", null, null, "u1", "not_grantable"],
    [vdcAdmin, "cloud_admin", null, null, "u1", "not_grantable"],
    [vdcAdmin, "auditor", "rd", null, "u1", "scope_not_allowed"],
    [vdcAdmin, "superuser", "rd", null, "u1", "unknown_role"],
    // the operation admin: anything at the scope its role allows
    [opAdmin, "cloud_admin", null, null, "u1", null],
    [opAdmin, "vdc_admin", "fin", null, "u1", null],
    [opAdmin, "vdc_admin", null, null, "u1", "scope_not_allowed"],
    [opAdmin, "cloud_admin", "rd", null, "u1", "scope_not_allowed"],
    [opAdmin, "operation_admin", null, null, "op", "self_grant"],
  ])("%# grants %s on %s/%s", (grantor, role, vdcId, projectId, grantee, refusal) => {
    expect(grant(grantor, role, vdcId, projectId, grantee)).toBe(refusal);
  });

  it("refuses a role with a permission the VDC admin lacks", () => {
    // A VDC admin whose own rights are narrower than the role asked for.
    const narrow = { ...vdcAdmin, permissions: permissionsOf(["approver"]) };
    expect(grant(narrow, "tenant_user", "rd", null)).toBe("above_own_rights");
    expect(grant(narrow, "approver", "rd", null)).toBeNull();
  });
});

describe("grantableRoles", () => {
  it("offers a VDC admin only the VDC roles, and on a VDC only the roles held there", () => {
    expect(grantableRoles(false).map((r) => r.role).sort()).toEqual(["approver", "tenant_user", "vdc_admin"]);
    expect(grantableRoles(true).map((r) => r.role)).toHaveLength(7);
    expect(grantableRoles(true, "vdc").map((r) => r.role).sort()).toEqual(["approver", "tenant_user", "vdc_admin"]);
    expect(grantableRoles(true, "global").map((r) => r.role).sort()).toEqual(["auditor", "cloud_admin", "om_admin", "operation_admin"]);
  });
});
