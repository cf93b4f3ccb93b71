// Glance v2's writes over the console's image registry, against the real database: an image
// administrator registers an image (queued), uploads its data (active, with its exact size and
// hashes; the download gives the same bytes back), deactivates it (no launch from it), reactivates
// and deletes it, each audited as API; a tenant may read but not register, and sees no other
// project's private image.
import { afterAll, describe, expect, it } from "vitest";
import { createHash } from "node:crypto";
import { db } from "@/lib/server/db";
import { imageRequest } from "@/lib/server/openstack/image-api";
import { launchInstance } from "@/lib/server/services/instances";
import { actor } from "./helpers";
import { apiToken, BASE, type Json } from "./openstack-helpers";

const token = apiToken;



async function glance(method: string, path: string, t: string, body?: unknown, raw?: Uint8Array): Promise<{ status: number; body: Json; bytes: Uint8Array; headers: Headers }> {
  const url = new URL(`${BASE}/openstack/image${path}`);
  const headers: Record<string, string> = { "x-auth-token": t, ...(body !== undefined ? { "content-type": "application/json" } : raw ? { "content-type": "application/octet-stream" } : {}) };
  const res = await imageRequest(new Request(url, { method, headers, body: body !== undefined ? JSON.stringify(body) : raw ? Buffer.from(raw) : undefined }), url.pathname.replace("/openstack/image", "").split("/").filter(Boolean));
  const bytes = new Uint8Array(await res.arrayBuffer());
  const text = res.headers.get("content-type")?.includes("json") ? new TextDecoder().decode(bytes) : "";
  return { status: res.status, body: text ? JSON.parse(text) : null, bytes, headers: res.headers };
}

describe("Glance v2 writes", () => {
  afterAll(async () => {
    await db.apiToken.deleteMany();
  });

  it("registers, uploads, downloads, deactivates, reactivates and deletes an image through the console's image services", async () => {
    const admin = await token("cloud_admin", "platform_dev");
    const made = await glance("POST", "/v2/images", admin, { name: "api-image", disk_format: "qcow2", container_format: "bare", visibility: "private", min_disk: 10, os_version: "Test 1" });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    expect(made.body).toMatchObject({ name: "api-image", status: "queued", size: null, visibility: "private", owner: "prj-platform", min_disk: 10 });
    const id = made.body.id as string;
    // Nothing launches from an image without data.
    await expect(launchInstance(await actor("tenant"), { name: "from-queued", az: "az1", flavorId: "s6.large.2", imageId: id })).rejects.toThrow();

    const data = new Uint8Array(Array.from({ length: 70_000 }, (_, i) => (i * 31) % 251));
    expect((await glance("PUT", `/v2/images/${id}/file`, admin, undefined, data)).status).toBe(204);
    const shown = (await glance("GET", `/v2/images/${id}`, admin)).body;
    expect(shown).toMatchObject({ status: "active", size: data.length, checksum: createHash("md5").update(data).digest("hex"), os_hash_algo: "sha512", os_hash_value: createHash("sha512").update(data).digest("hex") });
    const back = await glance("GET", `/v2/images/${id}/file`, admin);
    expect(back.status).toBe(200);
    expect(Buffer.from(back.bytes).equals(Buffer.from(data))).toBe(true);
    // A second upload is refused, as Glance refuses data for an active image.
    expect((await glance("PUT", `/v2/images/${id}/file`, admin, undefined, data)).status).toBe(409);

    // The tenant of the owning project sees it; another project does not.
    const tenant = await token("tenant", "platform_dev");
    const fin = await token("tenant_fin", "payments_prod");
    expect((await glance("GET", `/v2/images/${id}`, tenant)).status).toBe(200);
    expect((await glance("GET", `/v2/images/${id}`, fin)).status).toBe(404);
    expect((await glance("POST", "/v2/images", tenant, { name: "tenant-image" })).status).toBe(403);
    expect((await glance("DELETE", `/v2/images/${id}`, tenant)).status).toBe(403);

    expect((await glance("POST", `/v2/images/${id}/actions/deactivate`, admin)).status).toBe(204);
    expect((await glance("GET", `/v2/images/${id}`, admin)).body.status).toBe("deactivated");
    expect((await glance("GET", `/v2/images/${id}/file`, tenant)).status).toBe(403);
    expect((await glance("POST", `/v2/images/${id}/actions/reactivate`, admin)).status).toBe(204);
    expect((await glance("DELETE", `/v2/images/${id}`, admin)).status).toBe(204);
    expect((await glance("GET", `/v2/images/${id}`, admin)).status).toBe(404);
    const actions = (await db.auditLog.findMany({ where: { targetId: id, source: "api", result: "success" }, orderBy: { seq: "asc" } })).map((e) => e.action);
    expect(actions).toEqual(["image.register", "image.upload", "image.deactivate", "image.reactivate", "image.delete"]);
  });
});
