import { expect, type APIRequestContext } from "@playwright/test";
import { test } from "./fixtures";
import { permissionsOf, type Role } from "../lib/cloud/identity/permissions";
import { actionOutcome, callAction, httpOutcome, restRoutes, ROLES, serverActions, signedIn, type DemoRole, type Outcome, type ServerAction } from "./matrix-helpers";

// The authorization matrix: every server action and every REST route, for every demo role,
// against targets in the caller's own VDC or project, a sibling VDC, the parent VDC and another
// first-level VDC. The expected outcome comes from the rules below (permission first, then scope);
// an action or route without an entry fails the test, so a new one cannot be forgotten.
// Inputs are chosen so that an allowed call is refused by a later, harmless rule or changes
// nothing that other journeys rely on.

test.describe.configure({ mode: "serial" });
test.slow();

/** Targets, seen from R&D / Platform: its own, its sibling AI Lab, its parent R&D, and Finance's Payments. */
const TARGETS = ["platform", "ai", "rd", "payments"] as const;
type Target = (typeof TARGETS)[number];
const VDC: Record<Target, string> = { platform: "vdc-rd-platform", ai: "vdc-rd-ai", rd: "vdc-rd", payments: "vdc-finance-payments" };
const PROJECT: Record<Target, string> = { platform: "prj-platform", ai: "prj-ai", rd: "prj-rd", payments: "prj-payments" };

/** The role each demo user holds; what it may do is the console's own ROLE_PERMISSIONS table. */
const ROLE_OF: Record<DemoRole, Role> = { tenant: "tenant_user", tenant_fin: "tenant_user", vdc_admin: "vdc_admin", approver: "approver", op_admin: "operation_admin", om_admin: "om_admin", cloud_admin: "cloud_admin", auditor: "auditor" };
const has = (role: DemoRole, p: string) => (permissionsOf([ROLE_OF[role]]) as Set<string>).has(p);
/** The projects a role sees (its scope). */
const SEES: Record<DemoRole, readonly Target[]> = {
  tenant: ["platform"],
  tenant_fin: ["payments"],
  vdc_admin: ["platform", "ai", "rd"],
  approver: ["platform", "ai", "rd"],
  op_admin: TARGETS,
  om_admin: [],
  cloud_admin: TARGETS,
  auditor: TARGETS,
};
/** The VDCs a role manages (vdc:manage / user:manage scope). */
const MANAGES: Record<DemoRole, readonly Target[]> = { tenant: [], tenant_fin: [], vdc_admin: ["platform", "ai", "rd"], approver: [], op_admin: TARGETS, om_admin: [], cloud_admin: [], auditor: [] };

interface Fixture {
  instance: Record<Target, string>;
  /**
   * A volume per target in az2 (the instances are in az1), with a snapshot: an allowed delete is
   * refused with a 409, an allowed attach with a 400 (another AZ), and neither changes anything.
   */
  volume: Record<Target, string>;
  user: Record<Target, string>;
}

/** Permission first (403), then scope (404), then the finer permission a service checks (403). */
function rule(frame: string, scope: "project" | "manage" | "none", finer?: (role: DemoRole) => boolean) {
  return (role: DemoRole, target: Target | null): Outcome => {
    if (!has(role, frame)) return "403";
    if (target && scope === "project" && !SEES[role].includes(target)) return "404";
    if (target && scope === "manage" && !MANAGES[role].includes(target)) return "404";
    if (finer && !finer(role)) return "403";
    return "allowed";
  };
}
const operates = (r: DemoRole) => has(r, "ecs:operate") || has(r, "ecs:operate_all");

interface Entry {
  /** Targets to try; none for actions on global resources or on the caller's own things. */
  targets?: readonly Target[];
  input: (t: Target | null, fx: Fixture) => unknown;
  expect: (role: DemoRole, t: Target | null) => Outcome;
}

const BOGUS = "00000000-0000-4000-8000-000000000000";
const bigVolume = (t: Target | null) => ({ name: "mx-big", az: "az1", volumeTypeId: "vt-high", sizeGb: 32_768, count: 50, ...(t ? { projectId: PROJECT[t] } : {}) });
const deletesVolumes = (r: DemoRole) => has(r, "evs:delete") || has(r, "evs:operate_all");
const operatesVolumes = (r: DemoRole) => has(r, "evs:operate") || has(r, "evs:operate_all");
const bigLaunch = (t: Target | null) => ({ name: "mx-big", az: "az1", flavorId: "m6.32xlarge.8", imageId: "img-centos-79", count: 20, ...(t ? { projectId: PROJECT[t] } : {}) });

const ACTIONS: Record<string, Entry> = {
  // instances: scoped by the instance's project; operations need ecs:operate (or operate_all)
  launchInstanceAction: { targets: TARGETS, input: bigLaunch, expect: rule("ecs:create", "project") },
  instanceAction: { targets: TARGETS, input: (t, fx) => ({ id: fx.instance[t!], action: "unlock" }), expect: rule("ecs:view", "project", operates) },
  guestShutdownAction: { targets: TARGETS, input: (t, fx) => ({ id: fx.instance[t!] }), expect: rule("ecs:operate_all", "project") },
  resizeAction: { targets: TARGETS, input: (t, fx) => ({ id: fx.instance[t!], flavorId: "s6.large.2" }), expect: rule("ecs:view", "project", operates) },
  rebuildAction: { targets: TARGETS, input: (t, fx) => ({ id: fx.instance[t!], imageId: "img-openeuler-2203-arm" }), expect: rule("ecs:view", "project", operates) },
  snapshotAction: { targets: TARGETS, input: (t, fx) => ({ id: fx.instance[t!], name: "!" }), expect: rule("ecs:view", "none") },
  instanceOptionsAction: { targets: TARGETS, input: (t, fx) => ({ id: fx.instance[t!] }), expect: rule("ecs:view", "project") },
  // A named host that does not exist: no valid host (a 409), once the caller may migrate.
  migrateAction: { targets: TARGETS, input: (t, fx) => ({ id: fx.instance[t!], host: "no-such-host" }), expect: rule("ecs:operate_all", "project") },
  evacuateAction: { targets: TARGETS, input: (t, fx) => ({ id: fx.instance[t!] }), expect: rule("ecs:operate_all", "project") },
  evacuateHostAction: { input: () => ({ id: "no-such-host" }), expect: (r) => (has(r, "ecs:operate_all") ? "404" : "403") },
  createServerGroupAction: { input: () => ({ name: "!", policy: "affinity" }), expect: rule("ecs:create", "none") },
  // volumes: scoped by the volume's project; over quota once allowed; a delete refused by the volume's snapshot
  createVolumeAction: { targets: TARGETS, input: bigVolume, expect: rule("evs:create", "project") },
  deleteVolumeAction: { targets: TARGETS, input: (t, fx) => ({ id: fx.volume[t!] }), expect: rule("evs:view", "project", deletesVolumes) },
  createSnapshotAction: { targets: TARGETS, input: (t, fx) => ({ id: fx.volume[t!], name: "!" }), expect: rule("evs:view", "none") },
  // The volume (az2) and the instance (az1) are in different AZs: refused with a 400 once allowed.
  attachVolumeAction: { targets: TARGETS, input: (t, fx) => ({ id: fx.volume[t!], instanceId: fx.instance[t!] }), expect: rule("evs:view", "project", operatesVolumes) },
  // Not attached (409), and not larger (400): allowed calls that change nothing.
  detachVolumeAction: { targets: TARGETS, input: (t, fx) => ({ id: fx.volume[t!] }), expect: rule("evs:view", "project", operatesVolumes) },
  extendVolumeAction: { targets: TARGETS, input: (t, fx) => ({ id: fx.volume[t!], sizeGb: 10 }), expect: rule("evs:view", "project", operatesVolumes) },
  // Snapshots are looked up before the finer permission: an unknown one is not found for every reader.
  deleteSnapshotAction: { input: () => ({ id: BOGUS }), expect: (r) => (has(r, "evs:view") ? "404" : "403") },
  // ecs:delete, checked before the group is looked up; the cloud admin deletes none of a tenant's.
  deleteServerGroupAction: { input: () => ({ id: BOGUS }), expect: (r) => (has(r, "ecs:create") && has(r, "ecs:delete") ? "404" : "403") },
  // orders: the caller's own, so no target; a stranger's order does not exist
  submitOrderAction: { input: () => ({ productId: "prod-ecs", items: [bigLaunch(null)] }), expect: rule("ecs:create", "none") },
  // Orders are placed from the caller's own project: a cloud admin has none (not-found).
  checkPlacementAction: { input: () => bigLaunch(null), expect: (r) => (r === "cloud_admin" ? "404" : rule("ecs:create", "none")(r, null)) },
  // Change orders are tenants': ecs:operate (operators act directly), checked before the instance is looked up.
  changeOrderAction: {
    targets: TARGETS,
    input: (t, fx) => ({ kind: "resize", instanceId: fx.instance[t!], flavorId: "s6.xlarge.2" }),
    expect: (r, t) => (has(r, "ecs:view") && !has(r, "ecs:operate") ? "403" : rule("ecs:view", "project")(r, t)),
  },
  cancelOrderAction: { input: () => ({ id: BOGUS }), expect: (r) => (has(r, "ecs:create") ? "404" : "403") },
  decideOrdersAction: { input: () => ({ ids: [BOGUS], verdict: "approve" }), expect: (r) => (has(r, "order:approve") ? "404" : "403") },
  // the VDC tree: managed subtrees; a first-level VDC is the operation admin's
  createVdcAction: { targets: TARGETS, input: (t) => ({ parentId: VDC[t!], name: "mx-child", regionId: "cn-south-1", azIds: [], quotas: { instances: 10_000_000 } }), expect: rule("vdc:manage", "manage") },
  updateVdcAction: {
    targets: TARGETS,
    input: (t) => ({ id: VDC[t!], name: { platform: "Platform", ai: "AI Lab", rd: "R&D Center", payments: "Payments" }[t!] }),
    expect: (r, t) => (r === "vdc_admin" && t === "rd" ? "403" : rule("vdc:manage", "manage")(r, t)),
  },
  deleteVdcAction: { targets: TARGETS, input: (t) => ({ id: VDC[t!] }), expect: (r, t) => (r === "vdc_admin" && t === "rd" ? "403" : rule("vdc:manage", "manage")(r, t)) },
  setQuotaAction: { targets: TARGETS, input: (t) => ({ vdcId: VDC[t!], regionId: "cn-south-1", resource: "instances", limit: 0 }), expect: rule("vdc:manage", "manage") },
  setResourceSetAction: { targets: TARGETS, input: (t) => ({ vdcId: VDC[t!], regionId: "cn-south-1", azIds: ["az1", "az2"] }), expect: rule("vdc:manage", "manage") },
  // users: in a managed VDC; grants as the role table says
  createUserAction: { targets: TARGETS, input: (t) => ({ username: "mx_new_user", displayName: "MX", email: "", password: "short", role: "tenant_user", vdcId: VDC[t!] }), expect: rule("user:manage", "manage") },
  updateUserAction: { targets: TARGETS, input: (t, fx) => ({ id: fx.user[t!], patch: {} }), expect: rule("user:manage", "manage") },
  assignRoleAction: { targets: TARGETS, input: (t, fx) => ({ userId: fx.user[t!], role: "vdc_admin", vdcId: null, projectId: null }), expect: rule("user:manage", "manage") },
  removeRoleAction: { targets: TARGETS, input: (t, fx) => ({ userId: fx.user[t!], assignmentId: BOGUS }), expect: (r) => (has(r, "user:manage") ? "404" : "403") },
  // the catalog and processes (VDC admins: their subtree's processes)
  createProductAction: { input: () => ({}), expect: rule("catalog:manage", "none") },
  updateProductAction: { input: () => ({}), expect: rule("catalog:manage", "none") },
  setProductPublishedAction: { input: () => ({ id: "no-such-product", published: false }), expect: (r) => (has(r, "catalog:manage") ? "404" : "403") },
  setProcessOverrideAction: { input: () => ({}), expect: rule("process:manage", "none") },
  createProcessAction: { input: () => ({}), expect: rule("process:manage", "none") },
  saveProcessAction: { input: () => ({}), expect: rule("process:manage", "none") },
  publishProcessAction: { input: () => ({ id: "no-such-process" }), expect: (r) => (has(r, "process:manage") ? "404" : "403") },
  deleteProcessAction: { input: () => ({ id: "no-such-process" }), expect: (r) => (has(r, "process:manage") ? "404" : "403") },
  // Service OM and CPS: the cloud admin's
  createFlavorAction: { input: () => ({}), expect: rule("flavor:manage", "none") },
  updateFlavorAction: { input: () => ({}), expect: rule("flavor:manage", "none") },
  deleteFlavorAction: { input: () => ({ id: "no-such-flavor" }), expect: (r) => (has(r, "flavor:manage") ? "404" : "403") },
  createHostGroupAction: { input: () => ({}), expect: rule("host:manage", "none") },
  updateHostGroupAction: { input: () => ({}), expect: rule("host:manage", "none") },
  deleteHostGroupAction: { input: () => ({ id: "no-such-group" }), expect: (r) => (has(r, "host:manage") ? "404" : "403") },
  registerImageAction: { input: () => ({}), expect: rule("image:manage", "none") },
  imageStatusAction: { input: () => ({ id: "no-such-image", op: "deactivate" }), expect: (r) => (has(r, "image:manage") ? "404" : "403") },
  setHostEnabledAction: { input: () => ({}), expect: rule("host:manage", "none") },
  setComputeServiceAction: { input: () => ({ id: "no-such-host", running: true }), expect: (r) => (has(r, "host:manage") ? "404" : "403") },
  setHostAllocationAction: { input: () => ({}), expect: rule("host:manage", "none") },
  saveCloudSettingsAction: { input: () => ({}), expect: rule("settings:edit", "none") },
  // Service OM's storage: the cloud admin's (storage:manage); unknown pools and types are not found.
  setPoolRatioAction: { input: () => ({ id: "no-such-pool", ratio: "" }), expect: (r) => (has(r, "storage:manage") ? "404" : "403") },
  setPoolStateAction: { input: () => ({ id: "no-such-pool", op: "enable" }), expect: (r) => (has(r, "storage:manage") ? "404" : "403") },
  movePoolAction: { input: () => ({ id: "no-such-pool", azId: "az1" }), expect: (r) => (has(r, "storage:manage") ? "404" : "403") },
  createVolumeTypeAction: { input: () => ({}), expect: rule("storage:manage", "none") },
  setVolumeTypeAccessAction: { input: () => ({ id: "no-such-type", isPublic: true, vdcIds: [] }), expect: (r) => (has(r, "storage:manage") ? "404" : "403") },
  deleteVolumeTypeAction: { input: () => ({ id: "no-such-type" }), expect: (r) => (has(r, "storage:manage") ? "404" : "403") },
  saveClockAction: { input: () => ({}), expect: rule("clock:edit", "none") },
  // O&M: alarms are handled with alarm:handle, drills need drill:run; unknown alarms and disks are not found.
  acknowledgeAlarmAction: { input: () => ({ id: "no-such-alarm" }), expect: (r) => (has(r, "alarm:handle") ? "404" : "403") },
  clearAlarmAction: { input: () => ({ id: "no-such-alarm" }), expect: (r) => (has(r, "alarm:handle") ? "404" : "403") },
  commentAlarmAction: { input: () => ({ id: "no-such-alarm", text: "mx" }), expect: (r) => (has(r, "alarm:handle") ? "404" : "403") },
  drillDiskAction: { input: () => ({ id: "no-such-disk", op: "fail" }), expect: (r) => (has(r, "drill:run") ? "404" : "403") },
  setControllerAction: { input: () => ({ id: "no-such-node", running: true }), expect: (r) => (has(r, "drill:run") ? "404" : "403") },
  drillComponentAction: { input: () => ({ id: "no-such-part", op: "fail" }), expect: (r) => (has(r, "drill:run") ? "404" : "403") },
  // Threshold rules: threshold:manage; an allowed save names a metric its kind does not report (refused as invalid), an allowed delete finds nothing.
  saveThresholdRuleAction: { input: () => ({ kind: "pool", metric: "cpu", comparison: ">", value: 1, durationSeconds: 0, severity: "minor" }), expect: rule("threshold:manage", "none") },
  deleteThresholdRuleAction: { input: () => ({ id: "no-such-rule" }), expect: (r) => (has(r, "threshold:manage") ? "404" : "403") },
  // Network: vpc:manage, scoped by the project; an allowed call is refused by a later rule (a host
  // address for a CIDR, the reserved name "default", an address off the public network) or finds nothing.
  createVpcAction: { targets: TARGETS, input: (t) => ({ name: "mx-vpc", cidr: "10.0.0.1/16", projectId: PROJECT[t!], subnet: { name: "mx-sn", cidr: "10.0.0.0/24" } }), expect: rule("vpc:manage", "project") },
  deleteVpcAction: { input: () => ({ id: BOGUS }), expect: (r) => (has(r, "vpc:manage") ? "404" : "403") },
  createSubnetAction: { input: () => ({ vpcId: BOGUS, name: "mx-sn", cidr: "10.0.1.0/24" }), expect: (r) => (has(r, "vpc:manage") ? "404" : "403") },
  deleteSubnetAction: { input: () => ({ id: BOGUS }), expect: (r) => (has(r, "vpc:manage") ? "404" : "403") },
  setRouterGatewayAction: { input: () => ({ vpcId: BOGUS, externalNetworkId: null }), expect: (r) => (has(r, "vpc:manage") ? "404" : "403") },
  createSecurityGroupAction: { targets: TARGETS, input: (t) => ({ name: "default", projectId: PROJECT[t!] }), expect: rule("vpc:manage", "project") },
  deleteSecurityGroupAction: { input: () => ({ id: BOGUS }), expect: (r) => (has(r, "vpc:manage") ? "404" : "403") },
  createRuleAction: { input: () => ({ securityGroupId: BOGUS, direction: "ingress" }), expect: (r) => (has(r, "vpc:manage") ? "404" : "403") },
  deleteRuleAction: { input: () => ({ id: BOGUS }), expect: (r) => (has(r, "vpc:manage") ? "404" : "403") },
  allocateEipAction: { targets: TARGETS, input: (t) => ({ bandwidthMbit: 5, address: "198.51.100.7", projectId: PROJECT[t!] }), expect: rule("vpc:manage", "project") },
  bindEipAction: { input: () => ({ id: BOGUS, portId: BOGUS }), expect: (r) => (has(r, "vpc:manage") ? "404" : "403") },
  unbindEipAction: { input: () => ({ id: BOGUS }), expect: (r) => (has(r, "vpc:manage") ? "404" : "403") },
  releaseEipAction: { input: () => ({ id: BOGUS }), expect: (r) => (has(r, "vpc:manage") ? "404" : "403") },
  setEipBandwidthAction: { input: () => ({ id: BOGUS, bandwidthMbit: 5 }), expect: (r) => (has(r, "vpc:manage") ? "404" : "403") },
  // Another project's ECS, or an unknown subnet or port of one's own: not found either way.
  attachInterfaceAction: { targets: TARGETS, input: (t, fx) => ({ instanceId: fx.instance[t!], subnetId: BOGUS }), expect: (r) => (has(r, "vpc:manage") ? "404" : "403") },
  detachInterfaceAction: { targets: TARGETS, input: (t, fx) => ({ instanceId: fx.instance[t!], portId: BOGUS }), expect: (r) => (has(r, "vpc:manage") ? "404" : "403") },
  setPortGroupsAction: { input: () => ({ portId: BOGUS, securityGroupIds: [BOGUS] }), expect: (r) => (has(r, "vpc:manage") ? "404" : "403") },
  createExternalNetworkAction: { input: () => ({}), expect: rule("network:manage", "none") },
  deleteExternalNetworkAction: { input: () => ({ id: "no-such-network" }), expect: (r) => (has(r, "network:manage") ? "404" : "403") },
  // Every signed-in user sets their own display time zone (null: the browser's), nobody else's.
  // Key pairs are the caller's own: a bad name is refused once the caller may create ECSs; another's id is not found.
  createKeyPairAction: { input: () => ({ name: "!", kind: "generate" }), expect: rule("ecs:create", "none") },
  deleteKeyPairAction: { input: () => ({ id: BOGUS }), expect: (r) => (has(r, "ecs:create") ? "404" : "403") },
  setTimeZoneAction: { input: () => ({ timeZone: null }), expect: () => "allowed" },
  // The whole chain: readers of the whole log only (a VDC admin reads its subtree's entries).
  verifyAuditChainAction: { input: () => ({}), expect: (r) => (has(r, "audit:view") && SEES[r].length === TARGETS.length ? "allowed" : "403") },
};
/** Public by nature: signing in and out, and the language cookie. */
const PUBLIC_ACTIONS = ["loginAction", "logoutAction", "setLocaleAction"];

interface RestEntry {
  targets?: readonly Target[];
  request: (ctx: APIRequestContext, t: Target | null, fx: Fixture) => Promise<{ status: () => number }>;
  expect: (role: DemoRole, t: Target | null) => Outcome;
}

const REST: Record<string, RestEntry> = {
  "GET /api/v1/instances": { request: (c) => c.get("/api/v1/instances"), expect: rule("ecs:view", "none") },
  "POST /api/v1/instances": { targets: TARGETS, request: (c, t) => c.post("/api/v1/instances", { data: bigLaunch(t) }), expect: rule("ecs:create", "project") },
  "GET /api/v1/instances/[id]": { targets: TARGETS, request: (c, t, fx) => c.get(`/api/v1/instances/${fx.instance[t!]}`), expect: rule("ecs:view", "project") },
  "POST /api/v1/instances/[id]/action": { targets: TARGETS, request: (c, t, fx) => c.post(`/api/v1/instances/${fx.instance[t!]}/action`, { data: { action: "unlock" } }), expect: rule("ecs:view", "project", operates) },
  "GET /api/v1/instances/[id]/console-log": { targets: TARGETS, request: (c, t, fx) => c.get(`/api/v1/instances/${fx.instance[t!]}/console-log`), expect: rule("ecs:view", "project") },
  // One's own orders (ecs:create), or everyone's (order:view_all: the operation admin, the auditor).
  "GET /api/v1/orders": { request: (c) => c.get("/api/v1/orders"), expect: (r) => (has(r, "ecs:create") || has(r, "order:view_all") ? "allowed" : "403") },
  "POST /api/v1/orders": { request: (c) => c.post("/api/v1/orders", { data: { productId: "prod-ecs", items: [bigLaunch(null)] } }), expect: rule("ecs:create", "none") },
  "GET /api/v1/orders/[id]": { request: (c) => c.get(`/api/v1/orders/${BOGUS}`), expect: () => "404" },
  "POST /api/v1/orders/[id]/cancel": { request: (c) => c.post(`/api/v1/orders/${BOGUS}/cancel`), expect: () => "404" },
  "POST /api/v1/orders/[id]/decision": { request: (c) => c.post(`/api/v1/orders/${BOGUS}/decision`, { data: { verdict: "approve" } }), expect: (r) => (has(r, "order:approve") ? "404" : "403") },
  "GET /api/v1/volumes": { request: (c) => c.get("/api/v1/volumes"), expect: rule("evs:view", "none") },
  "POST /api/v1/volumes": { targets: TARGETS, request: (c, t) => c.post("/api/v1/volumes", { data: bigVolume(t) }), expect: rule("evs:create", "project") },
  "GET /api/v1/volumes/[id]": { targets: TARGETS, request: (c, t, fx) => c.get(`/api/v1/volumes/${fx.volume[t!]}`), expect: rule("evs:view", "project") },
  "POST /api/v1/volumes/[id]/action": { targets: TARGETS, request: (c, t, fx) => c.post(`/api/v1/volumes/${fx.volume[t!]}/action`, { data: { action: "detach" } }), expect: rule("evs:view", "project", operatesVolumes) },
  "GET /api/v1/server-groups": { request: (c) => c.get("/api/v1/server-groups"), expect: rule("ecs:view", "none") },
  "POST /api/v1/server-groups": { request: (c) => c.post("/api/v1/server-groups", { data: { name: "!", policy: "affinity" } }), expect: rule("ecs:create", "none") },
  // Each list's export checks the list's own permission (users: user:view, so the auditor too).
  "GET /api/v1/export/[list]": { request: (c) => c.get("/api/v1/export/users?q=mx-none"), expect: rule("user:view", "none") },
  "GET /api/v1/audit/export": { request: (c) => c.get("/api/v1/audit/export?action=none"), expect: rule("audit:view", "none") },
  "GET /api/health": { request: (c) => c.get("/api/health"), expect: () => "allowed" },
};
/** Auth.js's own endpoints: public by nature (tested in security.spec.ts). */
const PUBLIC_ROUTES = ["GET /api/auth/[...nextauth]", "POST /api/auth/[...nextauth]"];

let fx: Fixture;
const sessions = new Map<DemoRole, APIRequestContext>();

test.beforeAll(async ({ playwright }, info) => {
  const baseURL = info.project.use.baseURL as string;
  for (const r of ROLES) sessions.set(r, await signedIn(playwright, baseURL, r));
  const admin = sessions.get("cloud_admin")!;
  const instance = {} as Record<Target, string>;
  for (const t of TARGETS) {
    const res = await admin.post("/api/v1/instances", { data: { name: `mx-${t}-${info.retry}`, az: "az1", flavorId: "s6.large.2", imageId: "img-centos-79", projectId: PROJECT[t] } });
    expect(res.status(), await res.text()).toBe(201);
    instance[t] = ((await res.json()) as { id: string }).id;
  }
  const volume = {} as Record<Target, string>;
  for (const t of TARGETS) {
    const res = await admin.post("/api/v1/volumes", { data: { name: `mx-${t}-${info.retry}`, az: "az2", volumeTypeId: "vt-high", sizeGb: 10, projectId: PROJECT[t] } });
    expect(res.status(), await res.text()).toBe(201);
    volume[t] = ((await res.json()) as { ids: string[] }).ids[0] as string;
  }
  // Each gets a snapshot once created (the runner builds it within seconds of cloud time).
  const snapshot = serverActions().find((a) => a.name === "createSnapshotAction")!;
  await expect
    .poll(async () => ((await (await admin.get(`/api/v1/volumes?ids=${Object.values(volume).join(",")}`)).json()) as { volumes: { status: string }[] }).volumes.every((v) => v.status === "available"), { timeout: 60_000 })
    .toBe(true);
  for (const t of TARGETS) expect((await callAction(admin, snapshot, JSON.stringify([{ id: volume[t], name: `mx-snap-${t}` }]))).ok).toBe(true);
  // A user of each target VDC (AI Lab has no demo user: the operation admin creates one).
  const createUser = serverActions().find((a) => a.name === "createUserAction")!;
  const made = await callAction(sessions.get("op_admin")!, createUser, JSON.stringify([{ username: `mx_ai_${info.retry}_${Date.now() % 100000}`, displayName: "AI Lab user", email: "", password: "Str0ng!Passw0rd#mx", role: "tenant_user", vdcId: VDC.ai }]));
  expect(made.ok).toBe(true);
  fx = { instance, volume, user: { platform: "user-tenant", ai: (made.data as { id: string }).id, rd: "user-approver", payments: "user-tenant_fin" } };
});

test.afterAll(async () => {
  const admin = sessions.get("cloud_admin");
  if (admin && fx) for (const id of Object.values(fx.instance)) await admin.post(`/api/v1/instances/${id}/action`, { data: { action: "delete" } });
  for (const s of sessions.values()) await s.dispose();
});

test("every server action has an entry, and each role gets exactly the expected outcome", async () => {
  const actions = serverActions();
  const names = actions.map((a) => a.name);
  expect(names.filter((n) => !(n in ACTIONS) && !PUBLIC_ACTIONS.includes(n)), "server actions missing from the matrix").toEqual([]);
  expect(Object.keys(ACTIONS).filter((n) => !names.includes(n)), "matrix entries for actions that no longer exist").toEqual([]);
  const mismatches: string[] = [];
  let calls = 0;
  for (const action of actions.filter((a) => a.name in ACTIONS)) {
    const entry = ACTIONS[action.name]!;
    for (const role of ROLES) {
      for (const t of entry.targets ?? [null]) {
        const answer = await callAction(sessions.get(role)!, action as ServerAction, JSON.stringify([entry.input(t, fx)]));
        const got = actionOutcome(answer);
        const want = entry.expect(role, t);
        calls++;
        if (got !== want) mismatches.push(`${action.name} as ${role} on ${t ?? "-"}: expected ${want}, got ${got} (${answer.code ?? answer.status})`);
      }
    }
  }
  expect(mismatches).toEqual([]);
  expect(calls).toBeGreaterThan(400);
});

test("every REST route and method has an entry, and each role gets exactly the expected status class", async () => {
  const routes = restRoutes().flatMap((r) => r.methods.map((m) => `${m} ${r.route}`));
  expect(routes.filter((r) => !(r in REST) && !PUBLIC_ROUTES.includes(r)), "REST routes missing from the matrix").toEqual([]);
  expect(Object.keys(REST).filter((r) => !routes.includes(r)), "matrix entries for routes that no longer exist").toEqual([]);
  const mismatches: string[] = [];
  for (const [key, entry] of Object.entries(REST)) {
    for (const role of ROLES) {
      for (const t of entry.targets ?? [null]) {
        const res = await entry.request(sessions.get(role)!, t, fx);
        const got = httpOutcome(res.status());
        const want = entry.expect(role, t);
        if (got !== want) mismatches.push(`${key} as ${role} on ${t ?? "-"}: expected ${want}, got ${got} (${res.status()})`);
      }
    }
  }
  expect(mismatches).toEqual([]);
});
