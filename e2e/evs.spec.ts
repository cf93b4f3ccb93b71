import { expect } from "@playwright/test";
import { test } from "./fixtures";
import { createVolumeViaApi, fillLogin, launchViaApi, signIn } from "./helpers";

// A tenant's EVS journey: a volume created on the type's pool, watched until available, a
// snapshot that keeps it from being deleted, a request over the VDC's quota refused with the
// reason, and another tenant who never sees it.

test("a tenant creates a volume, snapshots it, is refused over quota, and another tenant sees none of it", async ({ page, browser }) => {
  await signIn(page, "tenant");
  await page.goto("/sc/evs");
  await page.getByRole("button", { name: "Create volume" }).first().click();
  const dialog = page.getByRole("dialog");
  await expect(dialog.getByTestId("volume-headroom")).toContainText("GB");
  await dialog.getByLabel("Volume name").fill("data-e2e");
  await dialog.getByLabel("AZ").selectOption("az1");
  await dialog.getByLabel("Volume type").selectOption({ label: "SAS" });
  await dialog.getByLabel("Size (GB)").fill("20");
  await dialog.getByRole("button", { name: "Create", exact: true }).click();
  await expect(page.getByText("1 volume(s) being created: data-e2e.")).toBeVisible();
  const row = page.getByTestId("volume-row-data-e2e");
  // The row polls while the volume is created: no reload.
  await expect(row).toContainText("Available", { timeout: 30_000 });
  await expect(row).toContainText("20 GB");
  await expect(row).toContainText("thin");

  await row.getByRole("button", { name: "Snapshot volume data-e2e" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Create snapshot" }).click();
  await expect(page.getByText("Snapshot data-e2e-snap being created.")).toBeVisible();
  // A volume with a snapshot offers no delete.
  await expect(row.getByRole("button", { name: "Delete volume data-e2e" })).toHaveCount(0);

  // Over the VDC's gigabytes quota: refused with the resource and the amounts, nothing created.
  await page.getByRole("button", { name: "Create volume" }).first().click();
  const again = page.getByRole("dialog");
  await again.getByLabel("Volume name").fill("too-big");
  await again.getByLabel("Size (GB)").fill("32768");
  await again.getByLabel("Quantity").fill("2");
  await again.getByRole("button", { name: "Create", exact: true }).click();
  await expect(again.getByText(/quota/i)).toBeVisible();
  // A type no pool of the AZ offers: refused as Cinder tells a tenant (the pools are the operators' to know).
  await again.getByLabel("Quantity").fill("1");
  await again.getByLabel("Size (GB)").fill("100");
  await again.getByLabel("AZ").selectOption("az2");
  await again.getByLabel("Volume type").selectOption({ label: "SSD" });
  await again.getByRole("button", { name: "Create", exact: true }).click();
  await expect(again.getByText("No valid backend was found: no storage pool can take this volume now.")).toBeVisible();
  await again.getByRole("button", { name: "Cancel" }).click();
  await expect(page.getByTestId("volume-row-too-big-0001")).toHaveCount(0);

  // Another VDC's tenant: neither the row nor the volume through the API.
  const ctx = await browser.newContext({ locale: "en-US" });
  const other = await ctx.newPage();
  await signIn(other, "tenant_fin");
  await other.goto("/sc/evs");
  await expect(other.getByTestId("volume-row-data-e2e")).toHaveCount(0);
  const res = await other.request.get("/api/v1/volumes?q=data-e2e");
  expect(((await res.json()) as { total: number }).total).toBe(0);
  await ctx.close();
});

// The volume's life with an ECS, clicked through the detail page and the ECS's Disks tab: attach to
// a running ECS, extend while in use, snapshot, a volume cloned from the snapshot, detach, delete.
// The ECS and the volume are set up through the API.
test("a tenant attaches a volume to a running ECS, extends it in use, clones its snapshot, detaches and deletes it", async ({ page }) => {
  test.slow();
  await signIn(page, "tenant");
  const ecs = await launchViaApi(page, { name: "evs-host-e2e", az: "az1" });
  const volume = await createVolumeViaApi(page, { name: "journey-vol", az: "az1", sizeGb: 20 });

  await page.goto(`/sc/evs/${volume}`);
  const status = page.getByTestId("volume-status");
  await expect(status).toContainText("Available");
  await page.getByRole("button", { name: "Attach volume journey-vol" }).click();
  const attach = page.getByRole("dialog");
  await attach.getByLabel("ECS").selectOption({ label: "evs-host-e2e (active)" });
  await attach.getByRole("button", { name: "Attach", exact: true }).click();
  await expect(page.getByText("Attaching journey-vol as /dev/vdb.")).toBeVisible();
  // The page polls through attaching to in use.
  await expect(status).toContainText("In use", { timeout: 30_000 });
  await expect(page.getByTestId("attachment-evs-host-e2e")).toContainText("/dev/vdb");
  await expect(page.getByTestId("attachment-evs-host-e2e")).toContainText("Attached");

  // Extended while in use: the size grows and the volume is in use again.
  await page.getByRole("button", { name: "Extend volume journey-vol" }).click();
  await page.getByRole("dialog").getByLabel("New size (GB)").fill("30");
  await page.getByRole("dialog").getByRole("button", { name: "Extend", exact: true }).click();
  await expect(page.getByTestId("volume-size")).toContainText("30 GB", { timeout: 30_000 });
  await expect(status).toContainText("In use", { timeout: 30_000 });

  await page.getByRole("button", { name: "Snapshot volume journey-vol" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Create snapshot" }).click();
  await page.getByRole("tab", { name: /Snapshots/ }).click();
  const snap = page.getByTestId("snapshot-row-journey-vol-snap");
  await expect(snap).toContainText("Available", { timeout: 30_000 });
  // A volume cloned from the snapshot: at least the snapshot's 30 GB, on its pool.
  await snap.getByRole("button", { name: "Create a volume from snapshot journey-vol-snap" }).click();
  const clone = page.getByRole("dialog");
  await clone.getByLabel("Size (GB)").fill("20");
  await clone.getByRole("button", { name: "Create", exact: true }).click();
  await expect(clone.getByText("A volume from this snapshot needs at least 30 GB (20 GB requested).")).toBeVisible();
  await clone.getByLabel("Size (GB)").fill("30");
  await clone.getByRole("button", { name: "Create", exact: true }).click();
  await expect(page.getByText("1 volume(s) being created: journey-vol-snap-vol.")).toBeVisible();

  // Detached from the ECS's Disks tab.
  await page.goto(`/sc/ecs/${ecs}`);
  await page.getByRole("tab", { name: /Disks/ }).click();
  const disk = page.getByTestId("disk-journey-vol");
  await expect(disk).toContainText("/dev/vdb");
  await disk.getByRole("button", { name: "Detach volume journey-vol" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Detach", exact: true }).click();
  await expect(disk).toHaveCount(0, { timeout: 30_000 });

  // The clone is there and came from the snapshot; then the snapshot and the volume are deleted.
  await page.goto("/sc/evs?q=journey-vol-snap-vol");
  await page.getByRole("link", { name: "journey-vol-snap-vol" }).click();
  await expect(page.getByTestId("volume-source")).toHaveText("snapshot journey-vol-snap");
  await expect(page.getByTestId("volume-status")).toContainText("Available", { timeout: 30_000 });
  await page.goto(`/sc/evs/${volume}`);
  await expect(page.getByRole("button", { name: "Delete volume journey-vol" })).toHaveCount(0);
  await page.getByRole("tab", { name: /Snapshots/ }).click();
  await page.getByRole("button", { name: "Delete snapshot journey-vol-snap" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Delete", exact: true }).click();
  await expect(page.getByTestId("snapshot-row-journey-vol-snap")).toHaveCount(0, { timeout: 30_000 });
  await page.getByRole("button", { name: "Delete volume journey-vol" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Delete", exact: true }).click();
  await expect(page.getByText("This volume no longer exists.")).toBeVisible({ timeout: 30_000 });
});

// HCS's default: the purchase wizard puts the system disk on an EVS volume; a data disk kept when
// the ECS goes stays available.
test("a tenant buys an ECS that boots from an SSD volume with a data disk, and keeps the data disk when the ECS is deleted", async ({ page }) => {
  test.slow();
  await signIn(page, "tenant");
  await page.goto("/sc/ecs/create");
  await page.locator("label").filter({ has: page.getByRole("radio", { name: "az1", exact: true }) }).click();
  await page.getByRole("radio", { name: "s6.small.1", exact: true }).check();
  await page.getByRole("button", { name: "Next" }).click();
  await page.getByText("CentOS 7.9 64bit", { exact: true }).click();
  const disks = page.getByTestId("disks-step");
  await expect(disks.getByRole("radio", { name: "EVS system disk" })).toBeChecked();
  await disks.getByLabel("Volume type of System disk").selectOption({ label: "SSD" });
  await disks.getByLabel("Size of System disk (GB)").fill("50");
  await disks.getByRole("button", { name: "Add data disk" }).click();
  await disks.getByLabel("Volume type of Data disk 1").selectOption({ label: "SAS" });
  await disks.getByLabel("Size of Data disk 1 (GB)").fill("5");
  await page.getByLabel("ECS name").fill("bfv-e2e");
  await fillLogin(page);
  await page.getByRole("button", { name: "Next" }).click();
  // 5 GB is below the smallest EVS disk: the step stays, with the rule.
  await expect(disks.getByText("From 10 GB to 32,768 GB.")).toBeVisible();
  await disks.getByLabel("Size of Data disk 1 (GB)").fill("30");
  await disks.getByLabel("Delete Data disk 1 with the ECS").uncheck();
  await page.getByRole("button", { name: "Next" }).click();
  await expect(page.getByTestId("summary-disks")).toHaveText("System 50 GB (SSD) · 1 data disk(s), 30 GB");
  await page.getByRole("button", { name: "Create now" }).click();
  await page.getByRole("link", { name: "bfv-e2e" }).click();
  await expect(page.getByTestId("flavor")).toContainText("system disk on EVS");
  await page.getByRole("tab", { name: /Disks/ }).click();
  const system = page.getByTestId("disk-bfv-e2e-sys");
  await expect(system).toContainText("/dev/vda");
  await expect(system).toContainText("system disk");
  await expect(system).toContainText("In use", { timeout: 30_000 });
  await expect(system).toContainText("SSD");
  const data = page.getByTestId("disk-bfv-e2e-data1");
  await expect(data).toContainText("/dev/vdb");
  await expect(data).toContainText("In use", { timeout: 30_000 });
  // The system disk cannot be detached; the data disk could be.
  await expect(system.getByRole("button", { name: /Detach/ })).toHaveCount(0);

  const res = await page.request.post(`/api/v1/instances/${page.url().split("/").pop()}/action`, { data: { action: "delete" } });
  expect(res.status()).toBe(202);
  // Once the ECS is gone (the list polls only rows in flight: look again until then).
  await expect(async () => {
    await page.goto("/sc/evs?q=bfv-e2e");
    await expect(page.getByTestId("volume-row-bfv-e2e-data1")).toContainText("Available", { timeout: 1000 });
    await expect(page.getByTestId("volume-row-bfv-e2e-sys")).toHaveCount(0, { timeout: 1000 });
  }).toPass({ timeout: 60_000 });
});
