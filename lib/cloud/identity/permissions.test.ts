import { describe, expect, it } from "vitest";
import { hasPermission, homePortal, PERMISSIONS, portalsOf, ROLE_PERMISSIONS, ROLES } from "./permissions";

describe("the role -> permission table", () => {
  it("grants only known permissions", () => {
    for (const role of ROLES) for (const p of ROLE_PERMISSIONS[role]) expect(PERMISSIONS).toContain(p);
  });

  it("gives every role at least one portal", () => {
    for (const role of ROLES) expect(portalsOf([role]).length).toBeGreaterThan(0);
  });

  it.each([
    ["tenant_user", ["sc"]],
    ["vdc_admin", ["sc"]],
    ["operation_admin", ["sc"]],
    ["approver", ["sc"]],
    ["om_admin", ["oc", "esight"]],
    ["cloud_admin", ["oc", "service-om", "cps", "esight"]],
    ["auditor", ["sc", "oc", "service-om", "cps", "esight"]],
  ])("%s opens portals %o", (role, portals) => {
    expect(portalsOf([role])).toEqual(portals);
  });

  it("keeps the auditor read-only", () => {
    for (const p of ["ecs:create", "ecs:operate", "ecs:delete", "host:manage", "settings:edit", "clock:edit", "vdc:manage", "user:manage", "order:approve"] as const)
      expect(hasPermission(["auditor"], p)).toBe(false);
  });

  it("lets tenants launch but not see other tenants or the physical layer", () => {
    expect(hasPermission(["tenant_user"], "ecs:create")).toBe(true);
    expect(hasPermission(["tenant_user"], "ecs:view_all")).toBe(false);
    expect(hasPermission(["tenant_user"], "host:view")).toBe(false);
  });

  it("unions the permissions of several roles and ignores unknown ones", () => {
    expect(hasPermission(["approver", "om_admin"], "order:approve")).toBe(true);
    expect(hasPermission(["approver", "om_admin"], "hardware:view")).toBe(true);
    expect(hasPermission(["superuser"], "ecs:view")).toBe(false);
  });

  it("lands each user on the first portal they may use", () => {
    expect(homePortal(["cloud_admin"])).toBe("oc");
    expect(homePortal(["tenant_user"])).toBe("sc");
    expect(homePortal([])).toBeNull();
  });
});
