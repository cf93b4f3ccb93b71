// Nova's server writes over the console's services, against the real database: a create is the
// console's launch (parity: the same placement, quota effect and audit entry as the console's own
// action, the entry marked as coming from the API), block devices, networks and security groups
// translated into the console's disks and interfaces, Nova's error shapes, actions through the
// console's operations and states, delete, and no reach into another project.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/server/db";
import { launchInstance } from "@/lib/server/services/instances";
import { cloudNow, setClockSpeed, clockState } from "@/lib/server/services/clock";
import { verifyAuditLog } from "@/lib/server/services/audit-verify";
import { ensureDefaultSubnet } from "@/lib/server/services/vpcs";
import { ensureDefaultGroup } from "@/lib/server/services/security-groups";
import { actor, newRunner, resetCompute, runUntilIdle } from "./helpers";
import { apiToken, BASE, openstack } from "./openstack-helpers";


const token = apiToken;

const nova = (method: string, path: string, t: string | null, body?: unknown) => openstack("compute", method, path, t, body);

const quotaOf = async (vdcIds: string[]) => Object.fromEntries((await db.quota.findMany({ where: { vdcId: { in: vdcIds } } })).map((q) => [`${q.vdcId}/${q.resource}`, q.used]));
const delta = (before: Record<string, number>, after: Record<string, number>) => Object.fromEntries(Object.keys(after).filter((k) => after[k] !== before[k]).map((k) => [k, (after[k] as number) - (before[k] ?? 0)]));
const lastLaunchEntry = () => db.auditLog.findFirstOrThrow({ where: { action: "ecs.launch" }, orderBy: { seq: "desc" } });
/** An audit entry's shape: everything but the ids and times that differ between two launches. */
function shape(e: Awaited<ReturnType<typeof lastLaunchEntry>>) {
  const after = { ...(e.after as Record<string, unknown>) };
  delete after.ids;
  return { actorName: e.actorName, roles: e.roles, vdcId: e.vdcId, action: e.action, targetType: e.targetType, result: e.result, after };
}

describe("Nova v2.1 server writes", () => {
  let tenantToken = "";
  beforeAll(async () => {
    await resetCompute();
    tenantToken = await token("tenant", "platform_dev");
  });
  afterAll(async () => {
    await setClockSpeed((await clockState()).speed || 1);
    await db.apiToken.deleteMany();
    await resetCompute();
  });

  it("creates a server as the console launches one: the same placement, quota effect and audit entry, marked as API (parity)", async () => {
    const tenant = await actor("tenant");
    const vdcs = (await db.vdc.findMany({ select: { id: true } })).map((v) => v.id);
    // The project's default VPC and group exist already: the first launch alone would make them.
    const project = await db.project.findUniqueOrThrow({ where: { id: "prj-platform" } });
    await ensureDefaultSubnet(project);
    await ensureDefaultGroup(project);
    // The cloud clock stands still, so both launches draw the same host_subset_size pick.
    const speed = (await clockState()).speed;
    await setClockSpeed(0);
    try {
      // Through the console's own action...
      const q0 = await quotaOf(vdcs);
      const viaConsole = await launchInstance(tenant, { name: "parity", az: "az1", flavorId: "s6.large.2", imageId: "img-centos-79", count: 2 });
      const consoleHosts = (await db.instance.findMany({ where: { id: { in: viaConsole.ids } }, include: { host: true }, orderBy: { name: "asc" } })).map((i) => i.host?.name);
      const consoleQuota = delta(q0, await quotaOf(vdcs));
      const consoleEntry = await lastLaunchEntry();
      expect(consoleEntry.source).toBeNull();
      // ...then gone again (claims and quota given back), and the same request through Nova's API.
      for (const id of viaConsole.ids) await db.instance.update({ where: { id }, data: { name: `parity-old-${id.slice(0, 4)}` } });
      const { requestInstanceAction } = await import("@/lib/server/services/instances");
      for (const id of viaConsole.ids) await requestInstanceAction(tenant, id, "delete");
      await runUntilIdle(await newRunner(), await cloudNow());
      expect(await quotaOf(vdcs)).toEqual(q0);

      const res = await nova("POST", "/v2.1/servers", tenantToken, { server: { name: "parity", availability_zone: "az1", flavorRef: "s6.large.2", imageRef: "img-centos-79", min_count: 2, max_count: 2 } });
      expect(res.status).toBe(202);
      expect(res.body.server).toMatchObject({ "OS-DCF:diskConfig": "MANUAL", security_groups: [{ name: "default" }] });
      expect(res.headers.get("location")).toBe(`${BASE}/openstack/compute/v2.1/servers/${res.body.server.id}`);
      const made = await db.instance.findMany({ where: { name: { startsWith: "parity-0" }, deletedAt: null }, include: { host: true }, orderBy: { name: "asc" } });
      expect(made.map((i) => i.projectId)).toEqual(["prj-platform", "prj-platform"]);
      expect(made.map((i) => i.host?.name)).toEqual(consoleHosts);
      expect(delta(q0, await quotaOf(vdcs))).toEqual(consoleQuota);
      const apiEntry = await lastLaunchEntry();
      expect(shape(apiEntry)).toEqual(shape(consoleEntry));
      expect(apiEntry.source).toBe("api");
      expect(apiEntry.targetId).toBe(res.body.server.id);
      expect((await verifyAuditLog(db)).problem).toBeNull();
    } finally {
      await setClockSpeed(speed || 1);
    }
    // Nova's view of what it made: BUILD, then ACTIVE once the runner has built it.
    const id = (await db.instance.findFirstOrThrow({ where: { name: "parity-0001", deletedAt: null } })).id;
    expect((await nova("GET", `/v2.1/servers/${id}`, tenantToken)).body.server.status).toBe("BUILD");
    await runUntilIdle(await newRunner(), await cloudNow());
    expect((await nova("GET", `/v2.1/servers/${id}`, tenantToken)).body.server).toMatchObject({ status: "ACTIVE", "OS-EXT-STS:power_state": 1 });
  });

  it("boots from a volume with a data disk on a named network and security group, as block_device_mapping_v2 asks", async () => {
    const subnet = await db.subnet.findFirstOrThrow({ where: { vpc: { projectId: "prj-platform" } } });
    const res = await nova("POST", "/v2.1/servers", tenantToken, {
      server: {
        name: "bdm",
        availability_zone: "az1",
        flavorRef: `${BASE}/openstack/compute/flavors/s6.large.2`,
        imageRef: "",
        // A Neutron network is a VPC: the port lands on its first subnet.
        networks: [{ uuid: subnet.vpcId }],
        security_groups: [{ name: "default" }],
        block_device_mapping_v2: [
          { boot_index: 0, uuid: "img-centos-79", source_type: "image", destination_type: "volume", volume_size: 40, volume_type: "SSD", delete_on_termination: true },
          { boot_index: -1, source_type: "blank", destination_type: "volume", volume_size: 20 },
        ],
      },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(202);
    const id = res.body.server.id as string;
    const i = await db.instance.findUniqueOrThrow({ where: { id }, include: { volumeAttachments: { include: { volume: true }, orderBy: { device: "asc" } } } });
    expect([i.volumeBacked, i.rootGb]).toEqual([true, 0]);
    expect(i.volumeAttachments.map((a) => [a.device, a.volume.sizeGb, a.volume.volumeTypeId, a.deleteOnTermination])).toEqual([
      ["/dev/vda", 40, "vt-ultra", true],
      // Nova keeps a mapped volume unless told otherwise; the default type is the first the wizard offers.
      ["/dev/vdb", 20, "vt-high", false],
    ]);
    const port = await db.port.findFirstOrThrow({ where: { deviceId: id }, include: { fixedIps: true } });
    expect(port.fixedIps[0]?.subnetId).toBe(subnet.id);
    await runUntilIdle(await newRunner(), await cloudNow());
    const shown = (await nova("GET", `/v2.1/servers/${id}`, tenantToken)).body.server;
    expect(shown.image).toBe("");
    expect(shown["os-extended-volumes:volumes_attached"]).toHaveLength(2);
  });

  it("answers refusals as Nova does: bad requests, over quota, unknown actions, wrong states, another project's servers", async () => {
    const bad = async (server: Record<string, unknown>, status = 400) => {
      const r = await nova("POST", "/v2.1/servers", tenantToken, { server: { name: "refused", availability_zone: "az1", flavorRef: "s6.large.2", imageRef: "img-centos-79", ...server } });
      expect(r.status, JSON.stringify(r.body)).toBe(status);
      return r.body;
    };
    const before = await db.instance.count();
    expect((await bad({ flavorRef: "no-such-flavor" })).badRequest.message).toBe("Flavor no-such-flavor could not be found.");
    expect((await bad({ imageRef: "no-such-image" })).badRequest.message).toBe("Image no-such-image could not be found.");
    expect((await bad({ imageRef: undefined })).badRequest.message).toMatch(/Missing imageRef/);
    expect((await bad({ name: "has spaces" })).badRequest.message).toMatch(/^Invalid input: name: Use letters/);
    expect((await bad({ min_count: 3, max_count: 2 })).badRequest.message).toBe("min_count must be <= max_count");
    expect((await bad({ networks: [{ port: "p1" }] })).badRequest.message).toMatch(/pre-created port/);
    expect((await bad({ security_groups: [{ name: "nope" }] })).badRequest.message).toBe("Security group nope not found for project prj-platform.");
    expect((await bad({ availability_zone: "az9" })).badRequest.message).toBe("Az az9 could not be found.");
    expect((await bad({ metadata: { a: "b" } })).badRequest.message).toMatch(/metadata/);
    expect((await bad({ unknown_field: 1 })).badRequest.message).toMatch(/unknown_field|Unrecognized/);
    // Over the VDC's instance quota: Nova's 403 with the console's words.
    const q = await db.quota.findFirstOrThrow({ where: { vdcId: "vdc-rd-platform", resource: "instances" } });
    await db.quota.update({ where: { vdcId_regionId_resource: { vdcId: q.vdcId, regionId: q.regionId, resource: q.resource } }, data: { hardLimit: q.used } });
    try {
      expect((await bad({}, 403)).forbidden.message).toMatch(/^Quota exceeded in VDC .*: ECS instances requested 1, available 0\.$/);
    } finally {
      await db.quota.update({ where: { vdcId_regionId_resource: { vdcId: q.vdcId, regionId: q.regionId, resource: q.resource } }, data: { hardLimit: q.hardLimit } });
    }
    expect(await db.instance.count()).toBe(before);

    const mine = (await db.instance.findFirstOrThrow({ where: { name: "parity-0001", deletedAt: null } })).id;
    expect((await nova("POST", `/v2.1/servers/${mine}/action`, tenantToken, { frobnicate: null })).body.badRequest.message).toBe("There is no such action: frobnicate");
    expect((await nova("POST", `/v2.1/servers/${mine}/action`, tenantToken, { "os-start": null, "os-stop": null })).status).toBe(400);
    const conflict = await nova("POST", `/v2.1/servers/${mine}/action`, tenantToken, { "os-start": null });
    expect(conflict.status).toBe(409);
    expect(conflict.body.conflictingRequest.message).toMatch(/^Cannot Start now: the instance is active/);
    // Migration is an administrator's: Nova's policy message names the rule.
    expect((await nova("POST", `/v2.1/servers/${mine}/action`, tenantToken, { migrate: null })).status).toBe(403);

    // Another project's server is not found through any route, and nothing about it changes.
    const fin = await actor("tenant_fin");
    const theirs = (await launchInstance(fin, { name: "fin-secret", az: "az1", flavorId: "s6.large.2", imageId: "img-centos-79" })).id;
    await runUntilIdle(await newRunner(), await cloudNow());
    for (const [method, path, body] of [["GET", `/v2.1/servers/${theirs}`, undefined], ["DELETE", `/v2.1/servers/${theirs}`, undefined], ["POST", `/v2.1/servers/${theirs}/action`, { "os-stop": null }], ["POST", `/v2.1/servers/${theirs}/action`, { lock: null }]] as const) {
      const r = await nova(method, path, tenantToken, body);
      expect(r.status, `${method} ${path}`).toBe(404);
      expect(r.body.itemNotFound.message).toBe(`Instance ${theirs} could not be found.`);
    }
    expect(await db.instance.findUniqueOrThrow({ where: { id: theirs } })).toMatchObject({ vmState: "active", locked: false, deletedAt: null });
  });

  it("stops, starts, reboots, locks, snapshots and deletes through the console's operations, states as Nova reports them", async () => {
    const id = (await db.instance.findFirstOrThrow({ where: { name: "parity-0001", deletedAt: null } })).id;
    const act = async (body: unknown, t = tenantToken) => {
      const r = await nova("POST", `/v2.1/servers/${id}/action`, t, body);
      expect(r.status, JSON.stringify(r.body)).toBe(202);
      return r;
    };
    const status = async () => (await nova("GET", `/v2.1/servers/${id}`, tenantToken)).body.server;
    await act({ "os-stop": null });
    expect((await status())["OS-EXT-STS:task_state"]).toBe("powering-off");
    await runUntilIdle(await newRunner(), await cloudNow());
    expect(await status()).toMatchObject({ status: "SHUTOFF", "OS-EXT-STS:power_state": 4 });
    await act({ "os-start": null });
    await runUntilIdle(await newRunner(), await cloudNow());
    await act({ reboot: { type: "HARD" } });
    expect((await status()).status).toBe("HARD_REBOOT");
    await runUntilIdle(await newRunner(), await cloudNow());
    expect((await status()).status).toBe("ACTIVE");

    // Locked by its owner, it refuses the owner's stop until unlocked; an administrator is not held back.
    await act({ lock: null });
    expect((await nova("POST", `/v2.1/servers/${id}/action`, tenantToken, { "os-stop": null })).status).toBe(409);
    const admin = await token("cloud_admin", "platform_dev");
    await act({ "os-stop": null }, admin);
    await runUntilIdle(await newRunner(), await cloudNow());
    await act({ unlock: null });
    await act({ "os-start": null });
    await runUntilIdle(await newRunner(), await cloudNow());

    // createImage: a private image of the project, at the Location Nova answers with.
    const snap = await act({ createImage: { name: "parity-snap" } });
    const imageId = snap.headers.get("location")?.split("/").at(-1) as string;
    expect(await db.image.findUniqueOrThrow({ where: { id: imageId } })).toMatchObject({ name: "parity-snap", ownerProjectId: "prj-platform", visibility: "private", sourceInstanceId: id });
    await runUntilIdle(await newRunner(), await cloudNow());

    // Every one of these is in the audit log, marked as API.
    const entries = await db.auditLog.findMany({ where: { targetId: id, source: "api" }, orderBy: { seq: "asc" } });
    expect(entries.map((e) => e.action)).toEqual(expect.arrayContaining(["ecs.stop", "ecs.start", "ecs.reboot_hard", "ecs.lock", "ecs.unlock", "ecs.snapshot"]));

    // Delete: 204 at once, the server gone from Nova's API once the runner has deleted it.
    const quota = await quotaOf(["vdc-rd-platform"]);
    const del = await nova("DELETE", `/v2.1/servers/${id}`, tenantToken);
    expect(del.status).toBe(204);
    expect((await status())["OS-EXT-STS:task_state"]).toBe("deleting");
    await runUntilIdle(await newRunner(), await cloudNow());
    expect((await nova("GET", `/v2.1/servers/${id}`, tenantToken)).status).toBe(404);
    expect((await quotaOf(["vdc-rd-platform"]))["vdc-rd-platform/instances"]).toBe((quota["vdc-rd-platform/instances"] as number) - 1);
    expect((await nova("DELETE", `/v2.1/servers/${id}`, tenantToken)).status).toBe(404);
  });

  it("keeps an ECS ordered through a product that needs approval to orders: the API cannot delete it around them", async () => {
    const product = await db.product.findFirstOrThrow({ where: { needsApproval: true } });
    const id = (await db.instance.findFirstOrThrow({ where: { name: "parity-0002", deletedAt: null } })).id;
    await db.instance.update({ where: { id }, data: { productId: product.id } });
    const r = await nova("DELETE", `/v2.1/servers/${id}`, tenantToken);
    expect(r.status).toBe(409);
    expect(r.body.conflictingRequest.message).toContain(product.name);
    expect(await db.instance.findUniqueOrThrow({ where: { id } })).toMatchObject({ deletedAt: null, taskState: null });
    const refused = await db.auditLog.findFirstOrThrow({ where: { targetId: id, action: "ecs.delete" }, orderBy: { seq: "desc" } });
    expect(refused).toMatchObject({ result: "failure", source: "api" });
  });
});
