// Cinder v3 over the console's EVS, and Nova's quota sets, server groups and key pairs, against the
// real database: volumes created, extended, snapshotted and deleted through the console's volume
// services (quota, pools, audit marked as API), Cinder's error shapes (overLimit, itemNotFound),
// a project's URL refused to another project's token, pools and services for administrators, and
// the authorization matrix of the block storage API.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/server/db";
import { VOLUME_ROUTES } from "@/lib/server/openstack/volume-api";
import { cinderPoolName } from "@/lib/server/repositories/pools";
import { cloudNow } from "@/lib/server/services/clock";
import { actor, newRunner, resetCompute, runUntilIdle } from "./helpers";
import { launchInstance } from "@/lib/server/services/instances";
import { apiToken, openstack, type Json } from "./openstack-helpers";


const token = apiToken;

const call = (service: "volume" | "compute", method: string, path: string, t: string | null, body?: unknown) => openstack(service, method, path, t, body);
const cinder = (method: string, path: string, t: string | null, body?: unknown) => call("volume", method, `/v3/prj-platform${path}`, t, body);
const used = async (resource: string) => (await db.quota.findFirstOrThrow({ where: { vdcId: "vdc-rd-platform", resource } })).used;

describe("Cinder v3 and Nova's quota sets, server groups and key pairs", () => {
  let tenant = "";
  let admin = "";
  beforeAll(async () => {
    await resetCompute();
    tenant = await token("tenant", "platform_dev");
    admin = await token("cloud_admin", "platform_dev");
  });
  afterAll(async () => {
    await db.apiToken.deleteMany();
    await resetCompute();
  });

  it("creates, extends, snapshots and deletes a volume through the console's volume services", async () => {
    const [volumes, gigabytes] = [await used("volumes"), await used("gigabytes")];
    const made = await cinder("POST", "/volumes", tenant, { volume: { size: 10, name: "api-vol", volume_type: "SSD", availability_zone: "az1" } });
    expect(made.status, JSON.stringify(made.body)).toBe(202);
    const v = made.body.volume;
    expect(v).toMatchObject({ name: "api-vol", size: 10, status: "creating", volume_type: "SSD", availability_zone: "az1", bootable: "false", "os-vol-tenant-attr:tenant_id": "prj-platform" });
    // The pool is the administrators' to see.
    expect(v["os-vol-host-attr:host"]).toBeUndefined();
    expect([await used("volumes"), await used("gigabytes")]).toEqual([volumes + 1, gigabytes + 10]);
    expect(await db.auditLog.findFirstOrThrow({ where: { action: "evs.create" }, orderBy: { seq: "desc" } })).toMatchObject({ result: "success", source: "api", actorName: "tenant" });
    await runUntilIdle(await newRunner(), await cloudNow());
    expect((await cinder("GET", `/volumes/${v.id}`, tenant)).body.volume.status).toBe("available");
    const row = await db.volume.findUniqueOrThrow({ where: { id: v.id }, include: { pool: true } });
    expect((await cinder("GET", `/volumes/${v.id}`, admin)).body.volume["os-vol-host-attr:host"]).toBe(cinderPoolName(row.pool!));

    // The list, short and detailed, with Cinder's paging.
    const second = (await cinder("POST", "/volumes", tenant, { volume: { size: 10, name: "api-vol-2" } })).body.volume;
    expect(second).toMatchObject({ volume_type: "SAS", availability_zone: "az1" });
    const page = await cinder("GET", "/volumes/detail?limit=1", tenant);
    expect(page.body.volumes.map((x: Json) => x.id)).toEqual([second.id]);
    expect(page.body.volumes_links[0].href).toContain(`marker=${second.id}`);
    expect((await cinder("GET", `/volumes?limit=1&marker=${second.id}`, tenant)).body.volumes.map((x: Json) => x.id)).toEqual([v.id]);

    expect((await cinder("POST", `/volumes/${v.id}/action`, tenant, { "os-extend": { new_size: 20 } })).status).toBe(202);
    await runUntilIdle(await newRunner(), await cloudNow());
    expect((await cinder("GET", `/volumes/${v.id}`, tenant)).body.volume.size).toBe(20);
    const snap = await cinder("POST", "/snapshots", tenant, { snapshot: { volume_id: v.id, name: "api-snap" } });
    expect(snap.status).toBe(202);
    await runUntilIdle(await newRunner(), await cloudNow());
    expect((await cinder("GET", "/snapshots/detail", tenant)).body.snapshots.map((s: Json) => [s.name, s.status, s.size])).toEqual([["api-snap", "available", 20]]);
    // The summary list has Cinder's summary fields only; detail adds the extended attributes.
    const [summary] = (await cinder("GET", "/snapshots", tenant)).body.snapshots as Json[];
    expect(Object.keys(summary).sort()).toEqual(["created_at", "description", "id", "metadata", "name", "size", "status", "updated_at", "volume_id"]);
    expect((await cinder("GET", "/snapshots/detail", tenant)).body.snapshots[0]).toMatchObject({ "os-extended-snapshot-attributes:project_id": "prj-platform", "os-extended-snapshot-attributes:progress": "100%" });
    // A snapshotted volume is kept, with the console's reason, until its snapshot goes.
    const kept = await cinder("DELETE", `/volumes/${v.id}`, tenant);
    expect(kept.status).toBe(409);
    expect(kept.body.conflictingRequest.message).toBeTruthy();
    expect((await cinder("DELETE", `/snapshots/${snap.body.snapshot.id}`, tenant)).status).toBe(202);
    await runUntilIdle(await newRunner(), await cloudNow());
    for (const id of [v.id, second.id]) expect((await cinder("DELETE", `/volumes/${id}`, tenant)).status).toBe(202);
    await runUntilIdle(await newRunner(), await cloudNow());
    expect((await cinder("GET", `/volumes/${v.id}`, tenant)).status).toBe(404);
    expect([await used("volumes"), await used("gigabytes")]).toEqual([volumes, gigabytes]);
  });

  it("attaches and detaches a volume through Nova's os-volume_attachments, as Cinder then shows it", async () => {
    const server = (await launchInstance(await actor("tenant"), { name: "attach-to", az: "az1", flavorId: "s6.large.2", imageId: "img-centos-79" })).id;
    const vol = (await cinder("POST", "/volumes", tenant, { volume: { size: 10, name: "attach-me", availability_zone: "az1" } })).body.volume.id as string;
    await runUntilIdle(await newRunner(), await cloudNow());
    const attached = await call("compute", "POST", `/v2.1/servers/${server}/os-volume_attachments`, tenant, { volumeAttachment: { volumeId: vol } });
    expect(attached.status, JSON.stringify(attached.body)).toBe(200);
    expect(attached.body.volumeAttachment).toEqual({ id: vol, serverId: server, volumeId: vol, device: "/dev/vdb" });
    await runUntilIdle(await newRunner(), await cloudNow());
    expect((await call("compute", "GET", `/v2.1/servers/${server}/os-volume_attachments`, tenant)).body.volumeAttachments).toEqual([{ id: vol, serverId: server, volumeId: vol, device: "/dev/vdb" }]);
    const shown = (await cinder("GET", `/volumes/${vol}`, tenant)).body.volume;
    expect(shown.status).toBe("in-use");
    expect(shown.attachments).toEqual([expect.objectContaining({ server_id: server, volume_id: vol, device: "/dev/vdb", host_name: null })]);
    // Another project's token reaches neither the server nor the volume.
    const fin = await token("tenant_fin", "payments_prod");
    expect((await call("compute", "DELETE", `/v2.1/servers/${server}/os-volume_attachments/${vol}`, fin)).status).toBe(404);
    expect((await call("compute", "DELETE", `/v2.1/servers/${server}/os-volume_attachments/${vol}`, tenant)).status).toBe(202);
    await runUntilIdle(await newRunner(), await cloudNow());
    expect((await cinder("GET", `/volumes/${vol}`, tenant)).body.volume).toMatchObject({ status: "available", attachments: [] });
    expect((await call("compute", "GET", `/v2.1/servers/${server}/os-volume_attachments/${vol}`, tenant)).status).toBe(404);
  });

  it("answers refusals as Cinder does and keeps each project to its own URL and volumes", async () => {
    expect((await cinder("POST", "/volumes", tenant, { volume: { size: 5, name: "tiny" } })).body.badRequest.message).toMatch(/^Invalid input: sizeGb/);
    expect((await cinder("POST", "/volumes", tenant, { volume: { size: 10, name: "x", volume_type: "GOLD" } })).body.itemNotFound.message).toBe("Volume type with name GOLD could not be found.");
    const q = await db.quota.findFirstOrThrow({ where: { vdcId: "vdc-rd-platform", resource: "gigabytes" } });
    const key = { vdcId_regionId_resource: { vdcId: q.vdcId, regionId: q.regionId, resource: q.resource } };
    await db.quota.update({ where: key, data: { hardLimit: q.used + 5 } });
    try {
      const over = await cinder("POST", "/volumes", tenant, { volume: { size: 10, name: "over" } });
      expect(over.status).toBe(413);
      expect(over.body.overLimit.message).toMatch(/^Quota exceeded in VDC/);
    } finally {
      await db.quota.update({ where: key, data: { hardLimit: q.hardLimit } });
    }
    // Another project's URL is refused; another project's volume is not found through one's own.
    const fin = await token("tenant_fin", "payments_prod");
    const theirs = (await call("volume", "POST", "/v3/prj-payments/volumes", fin, { volume: { size: 10, name: "fin-vol" } })).body.volume.id as string;
    expect((await call("volume", "GET", "/v3/prj-payments/volumes/detail", tenant)).status).toBe(403);
    for (const [method, path, body] of [["GET", `/volumes/${theirs}`], ["DELETE", `/volumes/${theirs}`], ["POST", `/volumes/${theirs}/action`, { "os-extend": { new_size: 30 } }], ["POST", "/snapshots", { snapshot: { volume_id: theirs } }]] as const) {
      const r = await cinder(method, path, tenant, body);
      expect(r.status, `${method} ${path}`).toBe(404);
      expect(r.body.itemNotFound.message).toBe(`Volume ${theirs} could not be found.`);
    }
    expect((await cinder("GET", "/volumes/detail", tenant)).body.volumes.map((x: Json) => x.id)).not.toContain(theirs);
    expect((await cinder("GET", "/volumes/detail?all_tenants=1", admin)).body.volumes.map((x: Json) => x.id)).toContain(theirs);
    expect(await db.volume.findUniqueOrThrow({ where: { id: theirs } })).toMatchObject({ sizeGb: 10, deletedAt: null });
  });

  it("reports quotas from the VDC, as Nova's and Cinder's quota sets, to the project and to administrators", async () => {
    const nova = await call("compute", "GET", "/v2.1/os-quota-sets/prj-platform/detail", tenant);
    const instances = await db.quota.findFirstOrThrow({ where: { vdcId: "vdc-rd-platform", resource: "instances" } });
    expect(nova.body.quota_set.instances).toEqual({ limit: instances.hardLimit, in_use: instances.used, reserved: 0 });
    const cin = await cinder("GET", "/os-quota-sets/prj-platform?usage=True", tenant);
    expect(cin.body.quota_set.gigabytes.in_use).toBe(await used("gigabytes"));
    // Another project's quota is an administrator's to read.
    expect((await call("compute", "GET", "/v2.1/os-quota-sets/prj-payments", tenant)).status).toBe(403);
    expect((await call("compute", "GET", "/v2.1/os-quota-sets/prj-payments", admin)).status).toBe(200);
  });

  it("creates and deletes server groups and key pairs through the console's services", async () => {
    const g = await call("compute", "POST", "/v2.1/os-server-groups", tenant, { server_group: { name: "api-group", policies: ["anti-affinity"] } });
    expect(g.status, JSON.stringify(g.body)).toBe(200);
    expect(g.body.server_group).toMatchObject({ name: "api-group", policies: ["anti-affinity"], members: [] });
    expect((await call("compute", "POST", "/v2.1/os-server-groups", tenant, { server_group: { name: "api-group", policies: ["affinity"] } })).status).toBe(409);
    expect((await call("compute", "GET", "/v2.1/os-server-groups", tenant)).body.server_groups.map((x: Json) => x.name)).toEqual(["api-group"]);
    const fin = await token("tenant_fin", "payments_prod");
    expect((await call("compute", "DELETE", `/v2.1/os-server-groups/${g.body.server_group.id}`, fin)).status).toBe(404);
    expect((await call("compute", "DELETE", `/v2.1/os-server-groups/${g.body.server_group.id}`, tenant)).status).toBe(204);

    const k = await call("compute", "POST", "/v2.1/os-keypairs", tenant, { keypair: { name: "api-key" } });
    expect(k.status).toBe(200);
    expect(k.body.keypair.private_key).toMatch(/PRIVATE KEY/);
    expect(await db.keyPair.findFirstOrThrow({ where: { name: "api-key", userId: "user-tenant" } })).toMatchObject({ fingerprint: k.body.keypair.fingerprint });
    expect((await call("compute", "GET", "/v2.1/os-keypairs/api-key", tenant)).body.keypair.fingerprint).toBe(k.body.keypair.fingerprint);
    // Key pairs are a user's own: another user's is not found.
    expect((await call("compute", "DELETE", "/v2.1/os-keypairs/api-key", fin)).status).toBe(404);
    expect((await call("compute", "DELETE", "/v2.1/os-keypairs/api-key", tenant)).status).toBe(202);
    expect(await db.keyPair.count({ where: { name: "api-key" } })).toBe(0);
  });

  it("answers every block storage route for every role as Cinder's default policies say: the authorization matrix", async () => {
    const ADMIN_ONLY = new Set([`/v3/:project/scheduler-stats/get_pools`, `/v3/:project/os-services`]);
    const made0 = await cinder("POST", "/volumes", tenant, { volume: { size: 10, name: "matrix-vol" } });
    expect(made0.status, JSON.stringify(made0.body)).toBe(202);
    const vol = made0.body.volume.id as string;
    await runUntilIdle(await newRunner(), await cloudNow());
    const snap = (await cinder("POST", "/snapshots", tenant, { snapshot: { volume_id: vol, name: "matrix-snap" } })).body.snapshot.id as string;
    const fill = (p: string) => p.replace(":project", "prj-platform").replace("/volumes/:id", `/volumes/${vol}`).replace("/snapshots/:id", `/snapshots/${snap}`).replace("/types/:id", "/types/SAS").replace(":target", "prj-platform");
    for (const [user, isAdmin] of [["tenant", false], ["vdc_admin", false], ["cloud_admin", true], ["auditor", false]] as const) {
      const t = await token(user, "platform_dev");
      for (const r of VOLUME_ROUTES.filter((x) => x.method === "GET")) {
        const res = await call("volume", "GET", fill(r.path), t);
        expect(res.status, `${user} GET ${r.path}`).toBe(ADMIN_ONLY.has(r.path) && !isAdmin ? 403 : 200);
      }
      // The auditor reads but creates nothing.
      const made = await call("volume", "POST", "/v3/prj-platform/volumes", t, { volume: { size: 10, name: `matrix-${user.replace("_", "-")}` } });
      expect(made.status, `${user} POST volumes`).toBe(user === "auditor" ? 403 : 202);
    }
    for (const r of VOLUME_ROUTES) expect((await call("volume", r.method, fill(r.path), null, r.method === "POST" ? {} : undefined)).status, `${r.method} ${r.path}`).toBe(401);
  });
});
