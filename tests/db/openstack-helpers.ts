// The OpenStack API tests' one way in: a project-scoped token from Keystone, and a request to any
// service through the same dispatcher its route handler uses.
import { expect } from "vitest";
import { computeRequest } from "@/lib/server/openstack/compute-api";
import { identityRequest } from "@/lib/server/openstack/identity-api";
import { imageRequest } from "@/lib/server/openstack/image-api";
import { networkRequest } from "@/lib/server/openstack/network-api";
import { volumeRequest } from "@/lib/server/openstack/volume-api";

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a JSON answer, read field by field in the assertions
export type Json = any;
export const BASE = "http://console.test";

/** A demo user's token scoped to a project (by name), as the CLI gets one. */
export async function apiToken(user: string, project: string): Promise<string> {
  const body = { auth: { identity: { methods: ["password"], password: { user: { name: user, domain: { name: "Default" }, password: "Hcs@console1" } } }, scope: { project: { name: project, domain: { name: "Default" } } } } };
  const res = await identityRequest(new Request(`${BASE}/openstack/identity/v3/auth/tokens`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) }), ["v3", "auth", "tokens"]);
  expect(res.status).toBe(201);
  return res.headers.get("x-subject-token") as string;
}

const SERVICES = { compute: computeRequest, volume: volumeRequest, network: networkRequest, image: imageRequest, identity: identityRequest } as const;

/** One request to a service, with a JSON body when given; the answer parsed when it is JSON. */
export async function openstack(service: keyof typeof SERVICES, method: string, path: string, token: string | null, body?: unknown, headers: Record<string, string> = {}): Promise<{ status: number; body: Json; headers: Headers }> {
  const url = new URL(`${BASE}/openstack/${service}${path}`);
  const init = { method, headers: { ...(token ? { "x-auth-token": token } : {}), ...(body !== undefined ? { "content-type": "application/json" } : {}), ...headers }, body: body === undefined ? undefined : JSON.stringify(body) };
  const res = await SERVICES[service](new Request(url, init), url.pathname.replace(`/openstack/${service}`, "").split("/").filter(Boolean));
  const text = await res.text();
  return { status: res.status, body: text && res.headers.get("content-type")?.includes("json") ? JSON.parse(text) : null, headers: res.headers };
}
