// IPAM without scanning a subnet: a subnet's free addresses are kept as ranges (as Neutron's
// former IPAvailabilityRange table kept them), so taking the next address reads one range and
// shrinks it, however many addresses are in use. The database claims a range with a conditional
// update on exactly what was read and inserts the allocation under a unique (subnet, address)
// key; these functions say what the new ranges are. Addresses are keyed as fixed-width hex text
// so that IPv4 and IPv6 sort the same way in SQL on both engines.
import type { IpRange } from "./cidr";

/** An address as a sortable key: 32 hex digits, whatever the version. */
export const addressKey = (value: bigint): string => value.toString(16).padStart(32, "0");
export const keyAddress = (key: string): bigint => BigInt(`0x${key}`);

/** The free ranges a new subnet starts with: its allocation pools, ordered. */
export function initialRanges(pools: readonly IpRange[]): IpRange[] {
  return [...pools].sort((a, b) => (a.first < b.first ? -1 : a.first > b.first ? 1 : 0));
}

/** Take the first address of a range: the address and what is left of the range (null when it was its last). */
export function takeFirst(range: IpRange): { address: bigint; rest: IpRange | null } {
  return { address: range.first, rest: range.first === range.last ? null : { first: range.first + 1n, last: range.last } };
}

/**
 * Take a chosen address (a fixed IP asked for): the range holding it splits in two around it.
 * Null when no range holds it (it is taken, or outside the pools).
 */
export function takeAddress(ranges: readonly IpRange[], address: bigint): { range: IpRange; replaceWith: IpRange[] } | null {
  const range = ranges.find((r) => address >= r.first && address <= r.last);
  if (!range) return null;
  return {
    range,
    replaceWith: [...(address > range.first ? [{ first: range.first, last: address - 1n }] : []), ...(address < range.last ? [{ first: address + 1n, last: range.last }] : [])],
  };
}

/**
 * Give an address back: the ranges it touches (the one ending just before it, the one starting
 * just after it) are merged with it, so the free list does not fragment into single addresses.
 */
export function releaseAddress(ranges: readonly IpRange[], address: bigint): { remove: IpRange[]; add: IpRange } {
  const before = ranges.find((r) => r.last === address - 1n);
  const after = ranges.find((r) => r.first === address + 1n);
  return { remove: [before, after].filter((r): r is IpRange => r !== undefined), add: { first: before?.first ?? address, last: after?.last ?? address } };
}

/** How many addresses the ranges hold (a subnet's free count for the usage pages). */
export const freeCount = (ranges: readonly IpRange[]): bigint => ranges.reduce((n, r) => n + (r.last - r.first + 1n), 0n);
