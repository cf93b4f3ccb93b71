// Seeds the demo cloud: one region, two AZs, controllers, network nodes, compute hosts, host
// groups, storage, external networks, flavors, images, the VDC tree and one user per role.
// Deterministic from SEED_VALUE and sized by SEED_COMPUTE_HOSTS. Idempotent: it only creates
// what is missing, so seeding again changes nothing.
import { existsSync } from "node:fs";
import bcrypt from "bcryptjs";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "../lib/generated/prisma/client";
import { HCS_DEFAULTS } from "../lib/cloud/compute";
import { GENESIS_HASH } from "../lib/cloud/audit";
import { DEFAULT_THRESHOLD_RULES } from "../lib/cloud/operations/thresholds";
import { cloudInventory } from "../lib/cloud/operations/inventory";
import { instanceDemand, QUOTA_RESOURCES, subtreeIds } from "../lib/cloud/quota";
import { addressKey, isRangeError, parseIp, parseVniRange, syncSegmentIds } from "../lib/cloud/network";
import {
  AZS,
  DEMO_PASSWORD,
  DEMO_PROCESSES,
  DEMO_PRODUCTS,
  DEMO_USERS,
  DEPLOY_NODES,
  EXTERNAL_NETWORKS,
  FLAVORS,
  NETWORK_AGENTS,
  HOST_GROUPS,
  IMAGES,
  PROJECTS,
  REGION,
  SEED_QUOTAS,
  VOLUME_TYPES,
  demoStorage,
  VDCS,
  demoHosts,
} from "../lib/cloud/seed";

if (existsSync(".env")) process.loadEnvFile(".env");
const url = process.env.DATABASE_URL ?? "file:./prisma/dev.db";
const adapter = /^postgres(ql)?:\/\//.test(url) ? new PrismaPg({ connectionString: url }) : new PrismaBetterSQLite3({ url });
const db = new PrismaClient({ adapter });

const seed = Number(process.env.SEED_VALUE ?? 20261122);
const computeHosts = Number(process.env.SEED_COMPUTE_HOSTS ?? 24);
if (!Number.isInteger(computeHosts) || computeHosts < 4 || computeHosts > 20000) {
  console.error("SEED_COMPUTE_HOSTS must be a whole number from 4 to 20000");
  process.exit(2);
}

/** Insert the rows whose ids are not there yet; never touch existing rows. */
async function createMissing<T extends { id: string }>(
  label: string,
  rows: readonly T[],
  existing: () => Promise<{ id: string }[]>,
  create: (missing: T[]) => Promise<unknown>,
): Promise<void> {
  const have = new Set((await existing()).map((r) => r.id));
  const missing = rows.filter((r) => !have.has(r.id));
  for (let i = 0; i < missing.length; i += 500) await create(missing.slice(i, i + 500));
  if (missing.length) console.log(`  ${label}: +${missing.length}`);
}

async function main(): Promise<void> {
  const started = Date.now();
  const now = new Date();
  console.log(`Seeding the demo cloud (seed ${seed}, ${computeHosts} compute hosts)`);

  await db.cloudClock.upsert({ where: { id: 1 }, create: { id: 1, simAnchor: now, wallAnchor: now, speed: 1 }, update: {} });
  await db.cloudSettings.upsert({ where: { id: 1 }, create: { id: 1, ...HCS_DEFAULTS, maxAttempts: 3 }, update: {} });
  // The compute and volume services have reported: the cloud starts with every host and pool up.
  for (const service of ["compute", "volume"]) await db.serviceReport.upsert({ where: { service }, create: { service, reportedAt: now }, update: {} });
  await db.region.upsert({ where: { id: REGION.id }, create: { id: REGION.id, name: REGION.name, isDefault: true }, update: {} });
  await createMissing("availability zones", AZS, () => db.availabilityZone.findMany({ select: { id: true } }), (m) =>
    db.availabilityZone.createMany({ data: m.map((a) => ({ ...a, regionId: REGION.id })) }),
  );
  await createMissing("deploy nodes", DEPLOY_NODES, () => db.deployNode.findMany({ select: { id: true } }), (m) =>
    db.deployNode.createMany({ data: m.map((n) => ({ ...n })) }),
  );
  await createMissing("host groups", HOST_GROUPS, () => db.hostGroup.findMany({ select: { id: true } }), (m) =>
    db.hostGroup.createMany({ data: m.map((g) => ({ ...g })) }),
  );
  const hosts = demoHosts({ seed, computeHosts });
  await createMissing("compute hosts", hosts, () => db.host.findMany({ select: { id: true } }), async (m) => {
    await db.host.createMany({ data: m.map(({ groupId: _g, ...h }) => ({ ...h, lastHeartbeatAt: now })) });
    await db.hostGroupMember.createMany({ data: m.map((h) => ({ hostId: h.id, hostGroupId: h.groupId })) });
  });
  // eSight's inventory: every server's parts, the access switches and their cabling.
  const inventory = cloudInventory(seed, hosts, DEPLOY_NODES);
  await createMissing("network switches", inventory.switches, () => db.networkSwitch.findMany({ select: { id: true } }), (m) => db.networkSwitch.createMany({ data: m }));
  await createMissing("device components", inventory.components, () => db.deviceComponent.findMany({ select: { id: true } }), (m) => db.deviceComponent.createMany({ data: m }));
  const storage = demoStorage();
  await createMissing("storage arrays", storage.arrays, () => db.storageArray.findMany({ select: { id: true } }), (m) => db.storageArray.createMany({ data: m }));
  await createMissing("array controllers", storage.controllers, () => db.arrayController.findMany({ select: { id: true } }), (m) => db.arrayController.createMany({ data: m }));
  await createMissing("array enclosures", storage.enclosures, () => db.arrayEnclosure.findMany({ select: { id: true } }), (m) => db.arrayEnclosure.createMany({ data: m }));
  await createMissing("RAID 2.0+ disk domains", storage.raidGroups, () => db.raidGroup.findMany({ select: { id: true } }), (m) => db.raidGroup.createMany({ data: m }));
  await createMissing("array disks", storage.disks, () => db.arrayDisk.findMany({ select: { id: true } }), (m) => db.arrayDisk.createMany({ data: m }));
  await createMissing("storage pools", storage.pools, () => db.storagePool.findMany({ select: { id: true } }), (m) => db.storagePool.createMany({ data: m.map((p) => ({ ...p, lastHeartbeatAt: now })) }));
  await createMissing("volume types", VOLUME_TYPES, () => db.volumeType.findMany({ select: { id: true } }), (m) =>
    db.volumeType.createMany({ data: m.map((t) => ({ ...t, extraSpecs: t.extraSpecs as Record<string, string>, createdAt: now })) }),
  );
  await createMissing("external networks", EXTERNAL_NETWORKS, () => db.externalNetwork.findMany({ select: { id: true } }), (m) =>
    db.externalNetwork.createMany({ data: m.map((n) => ({ ...n, regionId: REGION.id })) }),
  );
  await seedNetwork(now);
  await createMissing("flavors", FLAVORS, () => db.flavor.findMany({ select: { id: true } }), (m) =>
    db.flavor.createMany({ data: m.map((f) => ({ ...f })) }),
  );
  await createMissing("images", IMAGES, () => db.image.findMany({ select: { id: true } }), (m) =>
    db.image.createMany({ data: m.map((i) => ({ ...i, visibility: "public" })) }),
  );
  // Parents before children, so the tree's foreign keys hold.
  for (const level of [1, 2]) {
    await createMissing(`VDCs (level ${level})`, VDCS.filter((v) => v.level === level), () => db.vdc.findMany({ select: { id: true } }), (m) =>
      db.vdc.createMany({ data: m.map((v) => ({ ...v })) }),
    );
  }
  await createMissing("projects", PROJECTS, () => db.project.findMany({ select: { id: true } }), (m) =>
    db.project.createMany({ data: m.map((p) => ({ ...p })) }),
  );
  // Quotas and resource sets for VDCs that have none. Usage is counted from the instances that
  // exist, so seeding a database that already runs workloads starts consistent.
  const vdcs = await db.vdc.findMany({ include: { quotas: { select: { resource: true } } } });
  const live = await db.instance.findMany({ where: { deletedAt: null, allocated: true }, include: { project: true } });
  for (const v of vdcs) {
    if (v.quotas.length > 0) continue;
    const subtree = subtreeIds(vdcs, v.id);
    const used: Record<string, number> = {};
    for (const i of live)
      if (subtree.has(i.project.vdcId))
        for (const [r, n] of Object.entries(instanceDemand({ vcpus: i.vcpus, ramMb: i.memoryMb }))) used[r] = (used[r] ?? 0) + (n ?? 0);
    const limits = SEED_QUOTAS[v.level === 1 ? 1 : 2];
    await db.quota.createMany({ data: QUOTA_RESOURCES.map((r) => ({ vdcId: v.id, regionId: REGION.id, resource: r, hardLimit: limits[r], used: used[r] ?? 0 })) });
    console.log(`  quotas: ${v.name}`);
  }
  await createMissing("resource sets", VDCS.map((v) => ({ id: v.id })), async () => (await db.resourceSet.findMany({ where: { regionId: REGION.id } })).map((r) => ({ id: r.vdcId })), (m) =>
    db.resourceSet.createMany({ data: m.map((v) => ({ vdcId: v.id, regionId: REGION.id, azIds: AZS.map((a) => a.id).join(",") })) }),
  );
  await db.auditAnchor.upsert({ where: { id: 1 }, create: { id: 1, seq: 0, hash: GENESIS_HASH }, update: {} });

  const users = DEMO_USERS.map((u) => ({ ...u, id: `user-${u.username}` }));
  await createMissing("demo users", users, () => db.user.findMany({ select: { id: true } }), async (m) => {
    const hash = await bcrypt.hash(DEMO_PASSWORD, 10);
    for (const u of m) {
      await db.user.create({
        data: {
          id: u.id,
          username: u.username,
          displayName: u.displayName,
          passwordHash: hash,
          vdcId: u.vdcId,
          projectId: u.projectId,
          roles: { create: { role: u.role, vdcId: u.vdcId, projectId: u.projectId } },
        },
      });
    }
  });
  await createMissing("approval processes", DEMO_PROCESSES, () => db.approvalProcess.findMany({ select: { id: true } }), async (m) => {
    for (const p of m)
      await db.approvalProcess.create({
        data: { id: p.id, name: p.name, description: p.description, createdAt: now, versions: { create: { version: 1, levels: p.levels as never, published: true, publishedAt: now, createdAt: now } } },
      });
  });
  await createMissing("threshold rules", DEFAULT_THRESHOLD_RULES, () => db.thresholdRule.findMany({ select: { id: true } }), (m) => db.thresholdRule.createMany({ data: m.map((r) => ({ ...r, updatedAt: now })) }));
  await createMissing("products", DEMO_PRODUCTS, () => db.product.findMany({ select: { id: true } }), (m) =>
    db.product.createMany({ data: m.map((p) => ({ ...p, published: true, createdAt: now, updatedAt: now })) }),
  );
  console.log(`Seeded in ${Date.now() - started} ms`);
}

/**
 * The network layer's own rows: each external network's subnet (its pool free), the provider
 * networks' VLANs taken, the VXLAN allocation table for the configured VNI ranges (ML2's sync at
 * start-up), and the Neutron agents of the two network nodes.
 */
async function seedNetwork(now: Date): Promise<void> {
  for (const n of EXTERNAL_NETWORKS) {
    if (await db.subnet.findFirst({ where: { externalNetworkId: n.id } })) continue;
    const first = parseIp(n.poolStart);
    const last = parseIp(n.poolEnd);
    if (!first || !last) throw new Error(`bad pool for ${n.name}`);
    await db.subnet.create({
      data: {
        id: `${n.id}-subnet`,
        name: `${n.name}-subnet`,
        externalNetworkId: n.id,
        ipVersion: 4,
        cidr: n.cidr,
        gatewayIp: n.gateway,
        enableDhcp: false,
        pools: [{ start: n.poolStart, end: n.poolEnd }],
        createdAt: now,
        free: { create: { first: addressKey(first.value), last: addressKey(last.value) } },
      },
    });
    if (n.vlanId !== null) await db.segmentAllocation.upsert({ where: { kind_physnet_segmentId: { kind: "vlan", physnet: "physnet1", segmentId: n.vlanId } }, create: { kind: "vlan", physnet: "physnet1", segmentId: n.vlanId, allocated: true }, update: { allocated: true } });
    console.log(`  external subnet: ${n.name}`);
  }
  const settings = await db.cloudSettings.findUniqueOrThrow({ where: { id: 1 } });
  const ranges = settings.vniRanges.split(",").map((e) => parseVniRange(e)).filter((r) => !isRangeError(r));
  const rows = await db.segmentAllocation.findMany({ where: { kind: "vxlan", physnet: "" }, select: { segmentId: true, allocated: true } });
  const { add } = syncSegmentIds(ranges as { min: number; max: number }[], new Map(rows.map((r) => [r.segmentId, r.allocated])));
  for (let i = 0; i < add.length; i += 2000) await db.segmentAllocation.createMany({ data: add.slice(i, i + 2000).map((segmentId) => ({ kind: "vxlan", physnet: "", segmentId })) });
  if (add.length) console.log(`  VXLAN VNIs: +${add.length}`);
  const agents = DEPLOY_NODES.filter((d) => d.role === "network").flatMap((node) =>
    NETWORK_AGENTS.map((a) => ({ id: `${a.binary}@${node.name}`, agentType: a.type, binary: a.binary, host: node.name, haState: a.type === "L3 agent" ? node.haRole : null, heartbeatAt: now })),
  );
  await createMissing("network agents", agents, () => db.networkAgent.findMany({ select: { id: true } }), (m) => db.networkAgent.createMany({ data: m }));
}

main()
  .catch((err) => {
    console.error(err);
    process.exitCode = 1;
  })
  .finally(() => db.$disconnect());
