import "server-only";
import { randomInt, randomUUID } from "node:crypto";
import { addressKey, keyAddress, releaseAddress as mergeRelease, takeAddress, takeFirst, type IpRange } from "@/lib/cloud/network";
import { DomainError } from "@/lib/cloud/shared";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Tx } from "../db";
import { insertRow, sqlQuery, sqlRun } from "./sql";

// IPAM on the free ranges of lib/cloud/network/ipam.ts. Every change to a range is conditional on
// the range as it was read (another request that changed it first makes this one read again), and
// every allocation is inserted under the (subnet, address) key: no read-then-write decides alone,
// so concurrent ports never share an address, on either engine. Taking the next address reads one
// range through the (subnet, first) index, however many addresses are in use.

interface RangeRow {
  id: string;
  first: string;
  last: string;
}

const toRange = (r: RangeRow): IpRange => ({ first: keyAddress(r.first), last: keyAddress(r.last) });

/** Contention on a subnet's first range: after this many lost races the request gives up (it is retryable). */
const MAX_RACES = 200;

/** A new subnet's free ranges: its allocation pools. */
export async function createFreeRanges(tx: Tx, subnetId: string, pools: readonly IpRange[]): Promise<void> {
  for (const p of pools) await sqlRun(tx, insertRow("IpAvailability", { id: randomUUID(), subnetId, first: addressKey(p.first), last: addressKey(p.last) }));
}

async function holdAddress(tx: Tx, subnetId: string, address: bigint, portId: string, now: Date): Promise<boolean> {
  const inserted = await sqlRun(tx, Prisma.sql`${insertRow("IpAllocation", { subnetId, address: addressKey(address), portId, createdAt: now })} ON CONFLICT DO NOTHING`);
  return inserted === 1;
}

/**
 * The next free address of a subnet (the lowest of its first range), held for the port. Refused
 * with Neutron's IpAddressGenerationFailure when the subnet has none left.
 */
export async function allocateNext(tx: Tx, subnet: { id: string; name: string }, portId: string, now: Date): Promise<bigint> {
  for (let race = 0; race < MAX_RACES; race++) {
    const [row] = await sqlQuery<RangeRow>(tx, Prisma.sql`SELECT "id", "first", "last" FROM "IpAvailability" WHERE "subnetId" = ${subnet.id} ORDER BY "first" LIMIT 1`);
    if (!row) throw new DomainError("CONFLICT", "subnet exhausted", { reason: "subnet_exhausted", subnet: subnet.name });
    const { address, rest } = takeFirst(toRange(row));
    const changed = rest
      ? await sqlRun(tx, Prisma.sql`UPDATE "IpAvailability" SET "first" = ${addressKey(rest.first)} WHERE "id" = ${row.id} AND "first" = ${row.first}`)
      : await sqlRun(tx, Prisma.sql`DELETE FROM "IpAvailability" WHERE "id" = ${row.id} AND "first" = ${row.first}`);
    if (changed !== 1) continue;
    // Taken from a free range, so no allocation can hold it; the key says so all the same.
    if (!(await holdAddress(tx, subnet.id, address, portId, now))) throw new Error(`IPAM inconsistency: ${subnet.id} ${address} free and allocated`);
    return address;
  }
  throw new DomainError("CONFLICT", "subnet busy", { reason: "subnet_busy", subnet: subnet.name });
}

/**
 * A chosen address (a fixed IP asked for): taken out of its free range when it is in a pool, or
 * held directly when it is in the subnet outside the pools (Neutron allows both); refused with
 * Neutron's IpAddressAlreadyAllocated when a port holds it. The caller checks it is usable on the subnet.
 */
export async function allocateSpecific(tx: Tx, subnet: { id: string; name: string }, address: bigint, portId: string, now: Date, display: string): Promise<void> {
  const key = addressKey(address);
  for (let race = 0; race < MAX_RACES; race++) {
    const [row] = await sqlQuery<RangeRow>(tx, Prisma.sql`SELECT "id", "first", "last" FROM "IpAvailability" WHERE "subnetId" = ${subnet.id} AND "first" <= ${key} AND "last" >= ${key} LIMIT 1`);
    if (row) {
      const taken = takeAddress([toRange(row)], address);
      if (!taken) continue;
      const removed = await sqlRun(tx, Prisma.sql`DELETE FROM "IpAvailability" WHERE "id" = ${row.id} AND "first" = ${row.first} AND "last" = ${row.last}`);
      if (removed !== 1) continue;
      for (const part of taken.replaceWith) await sqlRun(tx, insertRow("IpAvailability", { id: randomUUID(), subnetId: subnet.id, first: addressKey(part.first), last: addressKey(part.last) }));
    }
    if (await holdAddress(tx, subnet.id, address, portId, now)) return;
    throw new DomainError("CONFLICT", "address in use", { reason: "ip_in_use", ip: display, subnet: subnet.name });
  }
  throw new DomainError("CONFLICT", "subnet busy", { reason: "subnet_busy", subnet: subnet.name });
}

/**
 * An address comes back: its allocation is removed (once: a second release finds none) and, when
 * it lies in an allocation pool, it rejoins the free ranges merged with its neighbours.
 */
export async function releaseAddress(tx: Tx, subnetId: string, address: bigint, pools: readonly IpRange[]): Promise<boolean> {
  const gone = await sqlRun(tx, Prisma.sql`DELETE FROM "IpAllocation" WHERE "subnetId" = ${subnetId} AND "address" = ${addressKey(address)}`);
  if (gone !== 1) return false;
  const pool = pools.find((p) => address >= p.first && address <= p.last);
  if (!pool) return true;
  // The neighbours that end just before it and start just after it, within its pool.
  const near = await sqlQuery<RangeRow>(tx, Prisma.sql`SELECT "id", "first", "last" FROM "IpAvailability" WHERE "subnetId" = ${subnetId} AND ("last" = ${addressKey(address - 1n)} OR "first" = ${addressKey(address + 1n)})`);
  const { remove, add } = mergeRelease(near.map(toRange).filter((r) => r.first >= pool.first && r.last <= pool.last), address);
  for (const r of remove) {
    const row = near.find((n) => n.first === addressKey(r.first) && n.last === addressKey(r.last)) as RangeRow;
    // A neighbour changed meanwhile (only on PostgreSQL, where transactions overlap): the caller retries the transaction.
    if ((await sqlRun(tx, Prisma.sql`DELETE FROM "IpAvailability" WHERE "id" = ${row.id} AND "first" = ${row.first} AND "last" = ${row.last}`)) !== 1) throw new DomainError("CONFLICT", "subnet busy", { reason: "subnet_busy", subnet: subnetId });
  }
  await sqlRun(tx, insertRow("IpAvailability", { id: randomUUID(), subnetId, first: addressKey(add.first), last: addressKey(add.last) }));
  return true;
}

/** A MAC as Neutron's base_mac makes them: fa:16:3e and three random octets. */
export function randomMac(): string {
  return ["fa", "16", "3e", ...Array.from({ length: 3 }, () => randomInt(0, 256).toString(16).padStart(2, "0"))].join(":");
}

/** Neutron's mac_generation_retries. */
const MAC_RETRIES = 16;

/** A port with a MAC unique in the cloud: a duplicate draw is skipped by the key and drawn again. */
export async function insertPort(tx: Tx, port: { id: string; name: string; projectId: string; vpcId: string | null; externalNetworkId?: string | null; deviceId: string | null; deviceOwner: string | null; status?: string; now: Date }): Promise<string> {
  for (let i = 0; i < MAC_RETRIES; i++) {
    const mac = randomMac();
    const inserted = await sqlRun(tx, 
      Prisma.sql`${insertRow("Port", { id: port.id, name: port.name, projectId: port.projectId, vpcId: port.vpcId, externalNetworkId: port.externalNetworkId ?? null, macAddress: mac, deviceId: port.deviceId, deviceOwner: port.deviceOwner, status: port.status ?? "DOWN", adminStateUp: true, createdAt: port.now })} ON CONFLICT ("macAddress") DO NOTHING`,
    );
    if (inserted === 1) return mac;
  }
  throw new DomainError("CONFLICT", "no MAC", { reason: "mac_generation_failed" });
}
