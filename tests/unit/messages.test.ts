import { describe, expect, it } from "vitest";
import en from "@/messages/en.json";
import zh from "@/messages/zh-CN.json";

function keys(obj: Record<string, unknown>, prefix = ""): string[] {
  return Object.entries(obj).flatMap(([k, v]) => (v && typeof v === "object" ? keys(v as Record<string, unknown>, `${prefix}${k}.`) : [`${prefix}${k}`]));
}
const placeholders = (s: string) => [...s.matchAll(/\{(\w+)/g)].map((m) => m[1]).sort();

describe("translations", () => {
  it("English and Simplified Chinese have exactly the same keys", () => {
    expect(keys(zh).sort()).toEqual(keys(en).sort());
  });

  it("every message keeps the same placeholders in both languages", () => {
    const get = (o: unknown, path: string) => path.split(".").reduce<unknown>((a, k) => (a as Record<string, unknown>)[k], o);
    for (const k of keys(en)) expect({ k, p: placeholders(String(get(zh, k))) }).toEqual({ k, p: placeholders(String(get(en, k))) });
  });

  it("no Chinese message is left in English", () => {
    const get = (o: unknown, path: string) => path.split(".").reduce<unknown>((a, k) => (a as Record<string, unknown>)[k], o);
    // Product names and codes may stay as they are; prose may not.
    const allowedSame = /^(portals\.|status\.vm\.|ecs\.vcpuRam|table\.pageOf|capacity\.(vcpu|reports\.vdc)$|metrics\.names\.cpu|nav\.som\.title|nav\.cps\.title|nav\.esight\.title|ecs\.create\.vcpus|ecs\.detail\.id|evs\.detail\.(id|qos)$|users\.fields\.vdc|audit\.columns\.vdc|audit\.actions\.vdc|quota\.resources\.cores|products\.overrides\.vdc|network\.(dhcp|id|mbit|vni|vlanId|poolsPlaceholder|routesPlaceholder)$)/;
    for (const k of keys(en)) if (!allowedSame.test(k)) expect({ k, same: get(zh, k) === get(en, k) }).toEqual({ k, same: false });
  });
});
