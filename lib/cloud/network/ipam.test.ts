import { describe, expect, it } from "vitest";
import { seededRandom } from "../shared/random";
import { addressKey, freeCount, initialRanges, keyAddress, releaseAddress, takeAddress, takeFirst } from "./ipam";
import type { IpRange } from "./cidr";

const r = (first: number, last: number): IpRange => ({ first: BigInt(first), last: BigInt(last) });

describe("IPAM free ranges", () => {
  it("keys sort as the addresses do, for IPv4 and IPv6 alike", () => {
    const values = [0n, 255n, 0x0a000001n, 0xffffffffn, 1n << 64n, (1n << 128n) - 1n];
    const keys = values.map(addressKey);
    expect([...keys].sort()).toEqual(keys);
    expect(keys.every((k) => k.length === 32)).toBe(true);
    expect(values.map((v) => keyAddress(addressKey(v)))).toEqual(values);
  });

  it("takes the first address of a range, then the range is gone with its last", () => {
    expect(takeFirst(r(10, 12))).toEqual({ address: 10n, rest: r(11, 12) });
    expect(takeFirst(r(12, 12))).toEqual({ address: 12n, rest: null });
  });

  it("takes a chosen address by splitting its range, and refuses one no range holds", () => {
    const ranges = initialRanges([r(50, 60), r(2, 40)]);
    expect(ranges).toEqual([r(2, 40), r(50, 60)]);
    expect(takeAddress(ranges, 20n)).toEqual({ range: r(2, 40), replaceWith: [r(2, 19), r(21, 40)] });
    expect(takeAddress(ranges, 2n)).toEqual({ range: r(2, 40), replaceWith: [r(3, 40)] });
    expect(takeAddress(ranges, 60n)).toEqual({ range: r(50, 60), replaceWith: [r(50, 59)] });
    expect(takeAddress(ranges, 45n)).toBeNull();
  });

  it("merges a released address with its neighbours", () => {
    expect(releaseAddress([r(2, 19), r(21, 40)], 20n)).toEqual({ remove: [r(2, 19), r(21, 40)], add: r(2, 40) });
    expect(releaseAddress([r(21, 40)], 20n)).toEqual({ remove: [r(21, 40)], add: r(20, 40) });
    expect(releaseAddress([], 20n)).toEqual({ remove: [], add: r(20, 20) });
  });

  it("never hands an address out twice and gets every one back, over a seeded random life", () => {
    const rand = seededRandom(20261201);
    let ranges = initialRanges([r(2, 254)]);
    const held = new Set<bigint>();
    const apply = (remove: IpRange[], add: IpRange[]) => {
      ranges = initialRanges([...ranges.filter((x) => !remove.some((y) => y.first === x.first && y.last === x.last)), ...add]);
    };
    for (let step = 0; step < 5000; step++) {
      const choice = rand.next();
      if (choice < 0.45 && ranges.length) {
        const first = ranges[0] as IpRange;
        const { address, rest } = takeFirst(first);
        expect(held.has(address)).toBe(false);
        held.add(address);
        apply([first], rest ? [rest] : []);
      } else if (choice < 0.6) {
        const want = BigInt(rand.int(2, 254));
        const taken = takeAddress(ranges, want);
        expect(taken === null).toBe(held.has(want));
        if (taken) {
          held.add(want);
          apply([taken.range], taken.replaceWith);
        }
      } else if (held.size) {
        const all = [...held];
        const address = rand.pick(all);
        held.delete(address);
        const { remove, add } = releaseAddress(ranges, address);
        apply(remove, [add]);
      }
      expect(freeCount(ranges) + BigInt(held.size)).toBe(253n);
    }
    // Ranges never touch: every release merged.
    for (let i = 1; i < ranges.length; i++) expect((ranges[i] as IpRange).first > (ranges[i - 1] as IpRange).last + 1n).toBe(true);
  });
});
