// IPAM against the real database: 2,000 concurrent port creates over four subnets get 2,000
// distinct addresses and MACs, an exhausted subnet refuses with the reason and holds nothing
// back, one address asked for by many is held by one, and released addresses rejoin the free
// ranges merged, so a subnet's free count plus its allocations is always its pools' size.
import { randomUUID } from "node:crypto";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/server/db";
import { resetNetwork } from "./helpers";
import { allocateNext, allocateSpecific, createFreeRanges, insertPort, releaseAddress } from "@/lib/server/repositories/ipam";
import { defaultGateway, defaultPools, formatIp, freeCount, isCidrError, keyAddress, parseCidr, type Cidr, type IpRange } from "@/lib/cloud/network";

const PROJECT = "prj-platform";

const cleanup = resetNetwork;

async function subnetOf(vpcId: string, text: string): Promise<{ id: string; name: string; pools: IpRange[]; cidr: Cidr }> {
  const cidr = parseCidr(text);
  if (isCidrError(cidr)) throw new Error(text);
  const pools = defaultPools(cidr, defaultGateway(cidr));
  const id = randomUUID();
  await db.$transaction(async (tx) => {
    await tx.subnet.create({ data: { id, name: text, vpcId, ipVersion: cidr.version, cidr: text, gatewayIp: formatIp(cidr.version, defaultGateway(cidr)), pools: pools.map((p) => ({ start: formatIp(cidr.version, p.first), end: formatIp(cidr.version, p.last) })), createdAt: new Date() } });
    await createFreeRanges(tx, id, pools);
  });
  return { id, name: text, pools, cidr };
}

let vni = 16_000_000;
async function vpc(): Promise<string> {
  vni += 1;
  return (await db.vpc.create({ data: { name: "v", projectId: PROJECT, cidr: "10.0.0.0/8", vni, createdAt: new Date() } })).id;
}

async function newPort(vpcId: string, subnet: { id: string; name: string }): Promise<{ portId: string; address: bigint; mac: string }> {
  return db.$transaction(async (tx) => {
    const portId = randomUUID();
    const now = new Date();
    const mac = await insertPort(tx, { id: portId, name: "", projectId: PROJECT, vpcId, deviceId: null, deviceOwner: null, now });
    const address = await allocateNext(tx, subnet, portId, now);
    return { portId, address, mac };
  });
}

async function freeOf(subnetId: string): Promise<bigint> {
  const rows = await db.ipAvailability.findMany({ where: { subnetId } });
  return freeCount(rows.map((r) => ({ first: keyAddress(r.first), last: keyAddress(r.last) })));
}

describe("IPAM", () => {
  beforeEach(cleanup);
  afterAll(cleanup);

  it("2,000 concurrent port creates over four subnets: no duplicate address or MAC, and every address accounted for", async () => {
    const v = await vpc();
    const subnets = await Promise.all(["10.1.0.0/22", "10.2.0.0/22", "10.3.0.0/22", "10.4.0.0/22"].map((c) => subnetOf(v, c)));
    const results = await Promise.allSettled(Array.from({ length: 2000 }, (_, i) => newPort(v, subnets[i % 4] as (typeof subnets)[number])));
    const ok = results.flatMap((r) => (r.status === "fulfilled" ? [r.value] : []));
    const failures = results.flatMap((r) => (r.status === "rejected" ? [String(r.reason)] : []));
    expect(failures.slice(0, 3)).toEqual([]);
    expect(ok).toHaveLength(2000);
    expect(new Set(ok.map((p) => p.mac)).size).toBe(2000);
    for (const s of subnets) {
      const rows = await db.ipAllocation.findMany({ where: { subnetId: s.id } });
      expect(rows).toHaveLength(500);
      expect(new Set(rows.map((r) => r.address)).size).toBe(500);
      // Addresses are handed out lowest first: the first 500 of the pool.
      expect(rows.map((r) => keyAddress(r.address)).sort((a, b) => (a < b ? -1 : 1))[0]).toBe(s.pools[0]?.first);
      expect((await freeOf(s.id)) + 500n).toBe(freeCount(s.pools));
    }
  }, 240_000);

  it("an exhausted subnet refuses with the reason; one address asked for by many goes to one; releases merge back", async () => {
    const v = await vpc();
    // 10.9.0.0/29: gateway .1, pool .2-.6: five addresses.
    const small = await subnetOf(v, "10.9.0.0/29");
    const results = await Promise.allSettled(Array.from({ length: 8 }, () => newPort(v, small)));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(5);
    for (const r of results.filter((x) => x.status === "rejected")) expect((r as PromiseRejectedResult).reason).toMatchObject({ params: { reason: "subnet_exhausted", subnet: "10.9.0.0/29" } });
    expect(await freeOf(small.id)).toBe(0n);
    // The ports that failed left no row behind.
    expect(await db.port.count({ where: { vpcId: v } })).toBe(5);

    // Give back .3 and .4 (in either order): one merged range .3-.4.
    const held = (await db.ipAllocation.findMany({ where: { subnetId: small.id } })).map((a) => keyAddress(a.address));
    const at = (ip: string) => held.find((x) => formatIp(4, x) === ip) as bigint;
    for (const a of [at("10.9.0.4"), at("10.9.0.3")]) expect(await db.$transaction((tx) => releaseAddress(tx, small.id, a, small.pools))).toBe(true);
    const free = await db.ipAvailability.findMany({ where: { subnetId: small.id } });
    expect(free.map((r) => `${formatIp(4, keyAddress(r.first))}-${formatIp(4, keyAddress(r.last))}`)).toEqual(["10.9.0.3-10.9.0.4"]);
    // A second release of the same address changes nothing.
    expect(await db.$transaction((tx) => releaseAddress(tx, small.id, at("10.9.0.3"), small.pools))).toBe(false);
    expect(await db.ipAvailability.count({ where: { subnetId: small.id } })).toBe(1);

    // Ten requests for 10.9.0.4 at once: one holds it, the others hear it is in use.
    const want = (await subnetOf(v, "10.8.0.0/24")) as Awaited<ReturnType<typeof subnetOf>>;
    const address = 0x0a080004n;
    const asks = await Promise.allSettled(
      Array.from({ length: 10 }, () =>
        db.$transaction(async (tx) => {
          const portId = randomUUID();
          await insertPort(tx, { id: portId, name: "", projectId: PROJECT, vpcId: v, deviceId: null, deviceOwner: null, now: new Date() });
          await allocateSpecific(tx, want, address, portId, new Date(), "10.8.0.4");
        }),
      ),
    );
    expect(asks.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    for (const r of asks.filter((x) => x.status === "rejected")) expect((r as PromiseRejectedResult).reason).toMatchObject({ params: { reason: "ip_in_use", ip: "10.8.0.4" } });
    // The pool split around it: .2-.3 and .5-.254.
    const split = await db.ipAvailability.findMany({ where: { subnetId: want.id }, orderBy: { first: "asc" } });
    expect(split.map((r) => `${formatIp(4, keyAddress(r.first))}-${formatIp(4, keyAddress(r.last))}`)).toEqual(["10.8.0.2-10.8.0.3", "10.8.0.5-10.8.0.254"]);
  }, 60_000);
});
