import { expect, type Browser, type Page } from "@playwright/test";
import { test } from "./fixtures";
import { newSession, signIn, fillLogin } from "./helpers";

/** Order an ECS through the catalog's order form; returns the order page's URL. */
async function order(page: Page, product: string, name: string, flavor = "s6.large.2"): Promise<string> {
  await page.goto("/sc/catalog");
  await page.getByRole("link", { name: `Apply for ${product}` }).click();
  await page.getByRole("radio", { name: flavor, exact: true }).check();
  await page.getByRole("button", { name: "Next" }).click();
  await page.getByText("CentOS 7.9 64bit", { exact: true }).click();
  await page.getByLabel("ECS name").fill(name);
  await fillLogin(page);
  await page.getByRole("button", { name: "Next" }).click();
  await expect(page.getByText("Submitting creates an order")).toBeVisible();
  await page.getByRole("button", { name: "Submit order" }).click();
  await expect(page).toHaveURL(/\/sc\/orders\/[0-9a-f-]{36}$/);
  return page.url();
}

async function coresAvailable(page: Page): Promise<string> {
  await page.goto("/sc/ecs/create");
  return (await page.getByTestId("launch-quota").textContent()) ?? "";
}

test("a two-level approval: VDC admin, then operation admin, then the ECS is created", async ({ page, browser }) => {
  await signIn(page, "tenant");
  const url = await order(page, "Elastic Cloud Server", "e2e-approved");
  await expect(page.getByTestId("order-status")).toContainText("Pending approval");
  await expect(page.getByTestId("level-1")).toContainText("Waiting for: approver, vdc_admin");
  // The applicant is offered no decision.
  await expect(page.getByTestId("order-decision")).toHaveCount(0);

  // Level 1: the VDC admin sees it in the inbox (and the top-bar counter) and approves.
  const vdcAdmin = await newSession(browser, "vdc_admin");
  await vdcAdmin.goto("/sc/approvals");
  await expect(vdcAdmin.getByTestId("approvals-counter")).toContainText(/[1-9]/);
  const orderNo = (await page.getByTestId("order-no").textContent())!;
  await vdcAdmin.getByTestId(`order-${orderNo}`).getByRole("link", { name: orderNo }).click();
  await expect(vdcAdmin.getByText("Without this order")).toBeVisible();
  await vdcAdmin.getByRole("button", { name: "Approve" }).click();
  await expect(vdcAdmin.getByTestId("level-1")).toHaveAttribute("data-state", "done");
  await expect(vdcAdmin.getByTestId("order-decision")).toHaveCount(0);

  // Level 2: the operation admin.
  const ops = await newSession(browser, "op_admin");
  await ops.goto(url);
  await ops.getByLabel("Comment (required to reject)").fill("capacity checked");
  await ops.getByRole("button", { name: "Approve" }).click();
  await expect(ops.getByTestId("level-2")).toContainText("capacity checked");

  // The runner provisions it; the tenant sees the order completed and the ECS running.
  await expect(async () => {
    await page.reload();
    await expect(page.getByTestId("order-status")).toContainText("Completed", { timeout: 1000 });
  }).toPass({ timeout: 20_000 });
  await expect(page.getByTestId("order-timeline")).toContainText("Provisioning");
  await page.goto("/sc/ecs?q=e2e-approved");
  await expect(page.getByTestId("instance-row-e2e-approved").locator("[data-status]")).toHaveAttribute("data-status", "ACTIVE", { timeout: 30_000 });
});

/** Approve an order at both levels of the standard process. */
async function approveBoth(browser: Browser, url: string): Promise<void> {
  for (const who of ["vdc_admin", "op_admin"]) {
    const p = await newSession(browser, who);
    await p.goto(url);
    await p.getByRole("button", { name: "Approve" }).click();
    await expect(p.getByTestId("order-decision")).toHaveCount(0);
    await p.context().close();
  }
}

test("an ordered ECS is resized and then released through orders, each passing the same approval", async ({ page, browser }) => {
  await signIn(page, "tenant");
  await page.goto("/sc/ecs?q=e2e-approved");
  await page.getByRole("link", { name: "e2e-approved" }).click();
  await expect(page.getByTestId("vm-state")).toHaveAttribute("data-state", "active");

  // The menu applies instead of acting: resize is an order.
  await page.getByRole("button", { name: "More actions for e2e-approved" }).click();
  await page.getByRole("menuitem", { name: "Apply for resize" }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog).toContainText("obtained through an approval");
  await dialog.getByLabel("New flavor").selectOption({ label: "s6.xlarge.2 · 4 vCPU · 8 GiB · 40 GB" });
  await dialog.getByRole("button", { name: "Submit order" }).click();
  await expect(page).toHaveURL(/\/sc\/orders\/[0-9a-f-]{36}$/);
  await expect(page.getByTestId("order-kind")).toHaveText("Resize");
  await expect(page.getByText("from s6.large.2 to s6.xlarge.2")).toBeVisible();
  const resizeUrl = page.url();
  await approveBoth(browser, resizeUrl);
  await expect(async () => {
    await page.reload();
    await expect(page.getByTestId("order-status")).toContainText("Completed", { timeout: 1000 });
  }).toPass({ timeout: 20_000 });

  // The resize ran: the instance waits in VERIFY_RESIZE for the tenant to confirm.
  await page.goto("/sc/ecs?q=e2e-approved");
  await page.getByRole("link", { name: "e2e-approved" }).click();
  await expect(page.getByTestId("vm-state")).toHaveAttribute("data-state", "resized", { timeout: 30_000 });
  await page.getByTestId("migration-banner").getByRole("button", { name: "Confirm" }).click();
  await expect(page.getByTestId("vm-state")).toHaveAttribute("data-state", "active", { timeout: 20_000 });
  await expect(page.getByTestId("flavor")).toContainText("s6.xlarge.2");

  // Release: an order too; the instance stays until it is approved.
  await page.getByRole("button", { name: "More actions for e2e-approved" }).click();
  await page.getByRole("menuitem", { name: "Apply for release" }).click();
  await expect(page.getByRole("dialog")).toContainText("its release is an order");
  await page.getByRole("dialog").getByRole("button", { name: "OK" }).click();
  await expect(page).toHaveURL(/\/sc\/orders\/[0-9a-f-]{36}$/);
  await expect(page.getByTestId("order-kind")).toHaveText("Release");
  const releaseUrl = page.url();
  await page.goto("/sc/orders");
  await expect(page.locator("tr", { hasText: "e2e-approved" }).first()).toContainText("Release");
  await approveBoth(browser, releaseUrl);
  await expect(async () => {
    await page.goto("/sc/ecs?q=e2e-approved");
    await expect(page.getByTestId("instance-row-e2e-approved")).toHaveCount(0, { timeout: 1000 });
  }).toPass({ timeout: 30_000 });
});

test("a rejection needs a reason and gives the quota back; the applicant cannot approve their own order", async ({ page, browser }) => {
  // The VDC admin applies: they hold ecs:create in their VDC's projects, and level 1 is theirs.
  await signIn(page, "vdc_admin");
  const before = await coresAvailable(page);
  const url = await order(page, "Elastic Cloud Server", "e2e-own");
  // Level 1 is "the first-level VDC's admin or approver": the applicant is left out.
  await expect(page.getByTestId("level-1").getByText(/^Waiting for:/)).toHaveText("Waiting for: approver");
  await expect(page.getByTestId("order-decision")).toHaveCount(0);
  expect(await coresAvailable(page)).not.toBe(before);

  const approver = await newSession(browser, "approver");
  await approver.goto(url);
  await approver.getByRole("button", { name: "Reject" }).click();
  await expect(approver.getByTestId("order-decision").getByRole("alert")).toContainText("Give a reason for the rejection.");
  await approver.getByLabel("Comment (required to reject)").fill("not this quarter");
  await approver.getByRole("button", { name: "Reject" }).click();
  await expect(approver.getByTestId("order-status")).toContainText("Rejected");

  await page.goto(url);
  await expect(page.getByTestId("order-timeline")).toContainText("not this quarter");
  expect(await coresAvailable(page)).toBe(before);
});

test("a level with a timeout decides itself when the cloud clock is moved past it", async ({ page, browser }) => {
  await signIn(page, "tenant");
  // ECS (AZ1 only) uses the fast-track process: approved automatically after an hour.
  await page.goto("/sc/catalog");
  await expect(page.getByTestId("product-prod-ecs-az1")).toContainText("Provisioned only in az1");
  const url = await order(page, "ECS (AZ1 only)", "e2e-patient");
  await expect(page.getByTestId("order-status")).toContainText("Pending approval");

  const admin = await newSession(browser, "cloud_admin");
  await admin.goto("/cps/settings");
  await admin.getByLabel("Move forward by (s)").fill("3700");
  await admin.getByRole("button", { name: "Apply" }).click();

  await expect(async () => {
    await page.goto(url);
    await expect(page.getByTestId("order-status")).toContainText("Completed", { timeout: 1000 });
  }).toPass({ timeout: 20_000 });
  await expect(page.getByTestId("order-timeline")).toContainText("Decided on timeout");
  await expect(page.getByTestId("level-1")).toContainText("timed out after 3600 s");
});

test("a countersign level needs every approver: one approval leaves it waiting for the other", async ({ page, browser }) => {
  await signIn(page, "tenant");
  const url = await order(page, "Large ECS (joint approval)", "e2e-joint", "s6.xlarge.2");
  await expect(page.getByTestId("level-1")).toContainText("every approver");

  const vdcAdmin = await newSession(browser, "vdc_admin");
  await vdcAdmin.goto(url);
  await vdcAdmin.getByRole("button", { name: "Approve" }).click();
  await expect(vdcAdmin.getByTestId("level-1")).toContainText("Approved · vdc_admin");
  // Still waiting: the approver has not signed yet.
  await expect(vdcAdmin.getByTestId("order-status")).toContainText("Pending approval");
  await expect(vdcAdmin.getByTestId("level-1")).toHaveAttribute("data-state", "current");

  const approver = await newSession(browser, "approver");
  await approver.goto(url);
  await approver.getByRole("button", { name: "Approve" }).click();
  await expect(async () => {
    await page.goto(url);
    await expect(page.getByTestId("order-status")).toContainText("Completed", { timeout: 1000 });
  }).toPass({ timeout: 20_000 });
});

test("the orders REST API: submit, refusals by code, an idempotent decision, cancel", async ({ page, browser }) => {
  await signIn(page, "tenant");
  const submitted = await page.request.post("/api/v1/orders", { data: { productId: "prod-ecs", items: [{ name: "e2e-api", az: "az1", flavorId: "s6.small.1", imageId: "img-centos-79" }] } });
  expect(submitted.status()).toBe(201);
  const { id, status } = await submitted.json();
  expect(status).toBe("pending_approval");
  // The applicant's own decision: forbidden, with the reason in words.
  const own = await page.request.post(`/api/v1/orders/${id}/decision`, { data: { verdict: "approve" } });
  expect(own.status()).toBe(403);
  // Another tenant does not even see it.
  const other = await newSession(browser, "tenant_fin");
  expect((await other.request.get(`/api/v1/orders/${id}`)).status()).toBe(404);

  const approver = await newSession(browser, "approver");
  const first = await approver.request.post(`/api/v1/orders/${id}/decision`, { data: { verdict: "approve" } });
  expect(await first.json()).toEqual({ transition: "level_advanced" });
  const again = await approver.request.post(`/api/v1/orders/${id}/decision`, { data: { verdict: "approve" } });
  expect(await again.json()).toEqual({ transition: "none" });

  // Still pending at level 2: the applicant may withdraw it.
  expect((await page.request.post(`/api/v1/orders/${id}/cancel`)).status()).toBe(200);
  const detail = await (await page.request.get(`/api/v1/orders/${id}`)).json();
  expect(detail).toMatchObject({ status: "cancelled", quotaHeld: false });
  expect((await page.request.post(`/api/v1/orders/${id}/cancel`)).status()).toBe(409);
});

test("an EVS order: the tenant orders volumes from the catalog, the VDC admin approves, and the volumes are created", async ({ page, browser }) => {
  await signIn(page, "tenant");
  await page.goto("/sc/catalog");
  await page.getByRole("link", { name: "Apply for Elastic Volume Service" }).click();
  const form = page.getByTestId("volume-order-form");
  await form.getByLabel("Volume name").fill("e2e-ordered-vol");
  await form.getByLabel("AZ").selectOption("az2");
  await form.getByLabel("Volume type").selectOption({ label: "SATA" });
  await form.getByLabel("Size (GB)").fill("5");
  await form.getByRole("button", { name: "Submit order" }).click();
  await expect(form.getByText("From 10 GB to 32,768 GB.")).toBeVisible();
  await form.getByLabel("Size (GB)").fill("150");
  await form.getByRole("button", { name: "Submit order" }).click();
  await expect(page).toHaveURL(/\/sc\/orders\/[0-9a-f-]{36}$/);
  const url = page.url();
  await expect(page.getByTestId("order-status")).toContainText("Pending approval");
  await expect(page.getByRole("cell", { name: "150 GB" })).toBeVisible();

  const vdcAdmin = await newSession(browser, "vdc_admin");
  await vdcAdmin.goto(url);
  await vdcAdmin.getByRole("button", { name: "Approve" }).click();
  await expect(async () => {
    await page.reload();
    await expect(page.getByTestId("order-status")).toContainText("Completed", { timeout: 1000 });
  }).toPass({ timeout: 20_000 });
  await page.goto("/sc/evs?q=e2e-ordered-vol");
  await expect(page.getByTestId("volume-row-e2e-ordered-vol")).toContainText("Available", { timeout: 30_000 });
  await expect(page.getByTestId("volume-row-e2e-ordered-vol")).toContainText("150 GB");
});
