// Malformed input to every route of the five OpenStack services (walked from their route tables, so a
// new route is covered the day it lands), sent with a token that may call it: broken JSON, wrong
// types, oversized and prototype-named bodies, other media types, hostile path and query values.
// Every answer is a 4xx in the service's own error shape, never a 5xx, and nothing is created,
// changed or deleted.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/server/db";
import { COMPUTE_ROUTES, computeRequest } from "@/lib/server/openstack/compute-api";
import { IDENTITY_ROUTES, identityRequest } from "@/lib/server/openstack/identity-api";
import { IMAGE_ROUTES, imageRequest } from "@/lib/server/openstack/image-api";
import { NETWORK_ROUTES, networkRequest } from "@/lib/server/openstack/network-api";
import { VOLUME_ROUTES, volumeRequest } from "@/lib/server/openstack/volume-api";
import type { RouteDef } from "@/lib/server/openstack/router";
import { resetCompute } from "./helpers";
import { apiToken, BASE } from "./openstack-helpers";

const BIG = "x".repeat(70 * 1024);
const BODIES: [string, string][] = [
  ["broken JSON", "{"],
  ["empty", ""],
  ["wrong types", JSON.stringify({ server: 1, volume: [], network: "x", subnet: true, router: 5, floatingip: null, security_group: 7, security_group_rule: "x", keypair: [], server_group: {}, volumeAttachment: 1, name: {}, auth: 3, "os-start": { a: 1 }, "os-extend": "big", subnet_id: 5 })],
  ["over the size limit", JSON.stringify({ name: BIG })],
  ["prototype names", '{"__proto__":{"isAdmin":true},"constructor":{"prototype":{"polluted":true}},"server":{"__proto__":{"name":"x"}}}'],
  ["NUL characters", JSON.stringify({ name: "a\u0000b", description: "\u0000", server: { name: "x\u0000", imageRef: "\u0000", flavorRef: "s6.small.1" }, security_group: { name: "g\u0000" }, volume: { size: 10, name: "\u0000" }, network: { name: "\u0000" } })],
];
const HOSTILE = ["__proto__", "..%2F..%2Fetc", "%00", "x".repeat(600)];

type Service = { name: string; routes: readonly RouteDef<never>[]; prefix: string; handle: (req: Request, segments: string[]) => Promise<Response>; shape: (body: Record<string, unknown>) => boolean };
const novaShape = (b: Record<string, unknown>) => Object.values(b).some((v) => typeof v === "object" && v !== null && "code" in v && "message" in v);
const SERVICES: Service[] = [
  { name: "identity", routes: IDENTITY_ROUTES as never, prefix: "/openstack/identity", handle: identityRequest, shape: (b) => typeof (b.error as { code?: number } | undefined)?.code === "number" },
  { name: "compute", routes: COMPUTE_ROUTES as never, prefix: "/openstack/compute", handle: computeRequest, shape: novaShape },
  { name: "volume", routes: VOLUME_ROUTES as never, prefix: "/openstack/volume", handle: volumeRequest, shape: novaShape },
  { name: "network", routes: NETWORK_ROUTES as never, prefix: "/openstack/network", handle: networkRequest, shape: (b) => typeof (b.NeutronError as { message?: string } | undefined)?.message === "string" },
  { name: "image", routes: IMAGE_ROUTES as never, prefix: "/openstack/image", handle: imageRequest, shape: (b) => typeof (b.error as { code?: number } | undefined)?.code === "number" },
];

/** What a refused request must leave as it was: the rows people create and change through these APIs, and every quota. */
async function fingerprint(): Promise<string> {
  const counts = await Promise.all([db.instance.count(), db.volume.count(), db.volumeSnapshot.count(), db.volumeAttachment.count(), db.vpc.count(), db.subnet.count(), db.router.count(), db.port.count(), db.eip.count(), db.securityGroup.count(), db.securityGroupRule.count(), db.image.count(), db.imageFile.count(), db.keyPair.count(), db.serverGroup.count(), db.task.count()]);
  const quota = await db.quota.findMany({ orderBy: [{ vdcId: "asc" }, { resource: "asc" }], select: { used: true, hardLimit: true } });
  const instances = await db.instance.findMany({ select: { vmState: true, taskState: true, locked: true }, orderBy: { id: "asc" } });
  return JSON.stringify({ counts, quota, instances });
}

const token = (user: string) => apiToken(user, "platform_dev");

describe("the OpenStack APIs and malformed input", () => {
  beforeAll(async () => {
    await resetCompute();
  });
  afterAll(async () => {
    await db.apiToken.deleteMany();
    await db.loginThrottle.deleteMany();
    await db.user.updateMany({ data: { failedLogins: 0, lockedUntil: null } });
  });

  it("answers every route of every service with a 4xx in the service's error shape and changes nothing", async () => {
    const tokens = { cloud_admin: await token("cloud_admin"), tenant: await token("tenant") };
    const before = await fingerprint();
    const problems: string[] = [];
    let calls = 0;
    for (const svc of SERVICES) {
      for (const route of svc.routes) {
        for (const hostile of HOSTILE) {
          const path = route.path.replace(/:[a-z_]+/gi, (m) => (m === ":project" ? "prj-platform" : hostile));
          for (const [who, t] of Object.entries(tokens)) {
            const bodies: [string, string | undefined, string | undefined][] = route.method === "GET" || route.method === "HEAD" || route.method === "DELETE" ? [["no body", undefined, undefined]] : BODIES.flatMap(([label, b]) => [[label, b, "application/json"], [`${label} as text`, b, "text/plain"]] as [string, string, string][]);
            for (const [label, body, type] of bodies) {
              const query = route.method === "GET" ? `?limit=-1&marker=${encodeURIComponent(hostile)}&all_tenants=__proto__&name=%00` : "";
              const url = `${BASE}${svc.prefix}${path}${query}`;
              const res = await svc.handle(new Request(url, { method: route.method, headers: { "x-auth-token": t, ...(type ? { "content-type": type } : {}) }, body }), path.split("/").filter(Boolean).map((s) => decodeURIComponent(s)));
              calls++;
              const text = await res.text();
              const where = `${svc.name} ${route.method} ${route.path} as ${who} with ${label} (${hostile.slice(0, 12)})`;
              // A hostile id may name nothing (404) or an empty list may still answer (200 for GETs): never a 5xx, never a write.
              if (res.status >= 500) problems.push(`${where}: ${res.status} ${text.slice(0, 120)}`);
              else if (res.status >= 400 && text && !svc.shape(JSON.parse(text) as Record<string, unknown>)) problems.push(`${where}: ${res.status} not in the service's error shape: ${text.slice(0, 120)}`);
              else if (res.status < 300 && route.method !== "GET" && route.method !== "HEAD" && !(svc.name === "identity" && route.path === "/v3/auth/tokens")) problems.push(`${where}: accepted (${res.status})`);
            }
          }
        }
      }
    }
    expect(problems).toEqual([]);
    expect(calls).toBeGreaterThan(1000);
    expect(await fingerprint()).toBe(before);
  }, 300_000);
});
