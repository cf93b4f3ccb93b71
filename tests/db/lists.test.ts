import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/server/db";
import { submitOrder } from "@/lib/server/services/orders";
import { launchInstance } from "@/lib/server/services/instances";
import { setMyTimeZone } from "@/lib/server/services/preferences";
import { listInstances } from "@/lib/server/queries/instances";
import { listUsers } from "@/lib/server/queries/organizations";
import { listInbox, listOrders } from "@/lib/server/queries/orders";
import { pageProcesses, pageProducts } from "@/lib/server/queries/catalog-admin";
import { pageFlavors, pageImages } from "@/lib/server/queries/catalog";
import { launchWizardData } from "@/lib/server/queries/launch-wizard";
import { LIST_EXPORTS } from "@/lib/server/exports";
import { listParams } from "@/lib/schemas/instances";
import { userListParams } from "@/lib/schemas/organizations";
import { inboxListParams, orderListParams } from "@/lib/schemas/orders";
import { flavorListParams, imageListParams } from "@/lib/schemas/compute";
import { processListParams, productListParams } from "@/lib/schemas/catalog-admin";
import { ForbiddenError } from "@/lib/cloud/shared";
import { actor, resetCompute } from "./helpers";

// Every list reads through one shape (page, size, sort, direction, search, filters), with the
// caller's scope applied before anything is counted; and the read-only auditor reads them all.

describe("lists: scope, order, filters and paging on the server", () => {
  beforeAll(async () => {
    await resetCompute();
    await db.order.deleteMany();
  });

  it("ECSs are newest first unless sorted otherwise, and page without overlap", async () => {
    const tenant = await actor("tenant");
    for (const name of ["first-made", "second-made", "third-made"]) await launchInstance(tenant, { name, az: "az1", flavorId: "s6.small.1", imageId: "img-centos-79" });
    const page = await listInstances(tenant, listParams.parse({}));
    expect(page.rows.map((r) => r.name).slice(0, 3)).toEqual(["third-made", "second-made", "first-made"]);
    expect(page).toMatchObject({ sort: "createdAt", dir: "desc" });
    // A reader is offered no action on them, whatever their states allow; the owner is.
    const seen = await listInstances(await actor("auditor"), listParams.parse({}), { allTenants: true });
    expect(seen.rows.every((r) => r.readOnly && Object.values(r.actions).every((ok) => !ok))).toBe(true);
    expect(page.rows.some((r) => !r.readOnly)).toBe(true);
    const byName = await listInstances(tenant, listParams.parse({ sort: "name", pageSize: "5" }));
    expect(byName.dir).toBe("asc");
    expect(byName.rows.map((r) => r.name)).toEqual([...byName.rows.map((r) => r.name)].sort());
    const one = await listInstances(tenant, listParams.parse({ pageSize: "5", page: "1", sort: "name", dir: "asc" }));
    const two = await listInstances(tenant, listParams.parse({ pageSize: "5", page: "2", sort: "name", dir: "asc" }));
    expect(one.rows.map((r) => r.id).filter((id) => two.rows.some((x) => x.id === id))).toEqual([]);
  });

  it("users: a VDC admin sees its subtree, the auditor every user and cannot manage them; filters apply before paging", async () => {
    const all = await db.user.count();
    const auditor = await actor("auditor");
    expect((await listUsers(auditor, userListParams.parse({ pageSize: "100" }))).total).toBe(all);
    const vdcAdmin = await actor("vdc_admin");
    const theirs = await listUsers(vdcAdmin, userListParams.parse({ pageSize: "100" }));
    expect(theirs.rows.map((u) => u.username)).not.toContain("tenant_fin");
    expect(theirs.rows.map((u) => u.username)).toContain("tenant");
    const approvers = await listUsers(auditor, userListParams.parse({ role: "approver", pageSize: "100" }));
    expect(approvers.rows.length).toBeGreaterThan(0);
    expect(approvers.rows.every((u) => u.roles.some((r) => r.role === "approver"))).toBe(true);
    await expect(listUsers(await actor("tenant"), userListParams.parse({}))).rejects.toBeInstanceOf(ForbiddenError);
    // Last sign-in sorts with the never-signed-in last, both ways, on either engine.
    await db.user.updateMany({ data: { lastLoginAt: null } });
    await db.user.update({ where: { id: "user-tenant" }, data: { lastLoginAt: new Date("2026-11-01T00:00:00Z") } });
    await db.user.update({ where: { id: "user-approver" }, data: { lastLoginAt: new Date("2026-11-02T00:00:00Z") } });
    const order = async (dir: string) => (await listUsers(auditor, userListParams.parse({ sort: "lastLoginAt", dir, pageSize: "100" }))).rows.map((u) => u.username);
    expect((await order("asc")).slice(0, 2)).toEqual(["tenant", "approver"]);
    expect((await order("desc")).slice(0, 2)).toEqual(["approver", "tenant"]);
  });

  it("orders: an applicant sees its own (even asking for all), readers of every order see all, the auditor's inbox is everyone's", async () => {
    const tenant = await actor("tenant");
    const fin = await actor("tenant_fin");
    for (const name of ["list-mine-1", "list-mine-2"]) await submitOrder(tenant, { productId: "prod-ecs", items: [{ name, az: "az1", flavorId: "s6.small.1", imageId: "img-centos-79", count: 1 }] });
    // Finance's order needs no approval: it is nobody's pending work.
    await submitOrder(fin, { productId: "prod-ecs-dev", items: [{ name: "list-theirs", az: "az1", flavorId: "s6.small.1", imageId: "img-centos-79", count: 1 }] });
    const mine = await listOrders(tenant, orderListParams.parse({ scope: "all" }));
    expect(mine.rows.map((o) => o.summary.split(" ")[0])).toEqual(["list-mine-2", "list-mine-1"]);
    const auditor = await actor("auditor");
    const everyone = await listOrders(auditor, orderListParams.parse({}));
    expect(everyone.total).toBe(3);
    expect((await listOrders(auditor, orderListParams.parse({ q: "tenant_fin" }))).rows.map((o) => o.applicant)).toEqual(["tenant_fin"]);
    expect((await listOrders(auditor, orderListParams.parse({ status: "completed" }))).total).toBe(0);
    const inbox = await listInbox(auditor, inboxListParams.parse({ tab: "pending" }));
    expect(inbox.total).toBe(2);
    // Pending work is oldest first.
    expect(inbox.rows[0]!.createdAt <= inbox.rows[1]!.createdAt).toBe(true);
    await expect(listInbox(tenant, inboxListParams.parse({}))).rejects.toBeInstanceOf(ForbiddenError);
  });

  it("the catalog, processes, flavors and images page on the server; the auditor reads products and processes, nothing is editable", async () => {
    const auditor = await actor("auditor");
    const products = await pageProducts(auditor, productListParams.parse({ pageSize: "5" }));
    expect(products.total).toBeGreaterThan(0);
    expect(products.dir).toBe("desc");
    const processes = await pageProcesses(auditor, processListParams.parse({}));
    expect(processes.rows.length).toBeGreaterThan(0);
    expect(processes.rows.every((p) => !p.editable)).toBe(true);
    await expect(pageProducts(await actor("tenant"), productListParams.parse({}))).rejects.toBeInstanceOf(ForbiddenError);
    const hp = await pageFlavors(await actor("cloud_admin"), flavorListParams.parse({ category: "hugepage" }));
    expect(hp.rows.map((f) => f.name)).toEqual(["hp.2xlarge.4"]);
    const arm = await pageImages(await actor("cloud_admin"), imageListParams.parse({ arch: "aarch64" }));
    expect(arm.rows.every((i) => i.architecture === "aarch64")).toBe(true);
    expect(arm.total).toBeGreaterThan(0);
  });

  it("CSV export runs the page's own query with the caller's scope, and neutralizes formulas", async () => {
    await db.user.update({ where: { id: "user-tenant" }, data: { displayName: "=HYPERLINK(\"x\")" } });
    try {
      const csv = await LIST_EXPORTS.users.csv(await actor("vdc_admin"), {});
      expect(csv.split("\r\n")[0]).toBe("username,display_name,email,vdc,roles,state,last_login");
      expect(csv).toContain("'=HYPERLINK");
      expect(csv).not.toContain("tenant_fin");
      const auditorCsv = await LIST_EXPORTS.users.csv(await actor("auditor"), { q: "tenant_fin" });
      expect(auditorCsv.trim().split("\r\n")).toHaveLength(2);
    } finally {
      await db.user.update({ where: { id: "user-tenant" }, data: { displayName: "Tenant User" } });
    }
  });
});

describe("the purchase wizard's launchability", () => {
  beforeEach(resetCompute);

  it("offers per AZ and image the flavors an enabled host could take, names no host, and ignores what is in use", async () => {
    const tenant = await actor("tenant");
    const data = await launchWizardData(tenant);
    expect(data.launchable.az1?.["img-centos-79"]).toContain("s6.small.1");
    expect(data.launchable.az1?.["img-centos-79"]).not.toContain("m6.32xlarge.8");
    expect(data.launchable.az1?.["img-openeuler-2203-arm"]).toEqual([]);
    expect(data.launchable.az2?.["img-centos-79"]).not.toContain("hp.2xlarge.4");
    const hosts = await db.host.findMany({ select: { name: true } });
    const json = JSON.stringify(data);
    for (const h of hosts) expect(json).not.toContain(h.name);
    // Disabling every huge-page host makes the huge-page flavor impossible in az1 too.
    expect(data.launchable.az1?.["img-centos-79"]).toContain("hp.2xlarge.4");
    const hp = await db.hostGroup.findUniqueOrThrow({ where: { id: "hg-az1-hugepage" }, include: { members: true } });
    await db.host.updateMany({ where: { id: { in: hp.members.map((m) => m.hostId) } }, data: { enabled: false } });
    expect((await launchWizardData(tenant)).launchable.az1?.["img-centos-79"]).not.toContain("hp.2xlarge.4");
  });
});

describe("preferences", () => {
  it("a user sets their own time zone, and only theirs", async () => {
    const tenant = await actor("tenant");
    await setMyTimeZone(tenant, "Asia/Shanghai");
    // The console reads it with the signed-in user (the portal layout takes it from the actor).
    expect((await actor("tenant")).timeZone).toBe("Asia/Shanghai");
    expect((await actor("tenant_fin")).timeZone).toBeNull();
    await setMyTimeZone(tenant, null);
    expect((await actor("tenant")).timeZone).toBeNull();
  });
});
