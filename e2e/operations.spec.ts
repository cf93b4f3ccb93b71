import { expect, type Page } from "@playwright/test";
import { test } from "./fixtures";
import { createVolumeViaApi, newSession, signIn } from "./helpers";
import { callAction, serverActions, signedIn } from "./matrix-helpers";

// The O&M admin's fault drill: two disks of the SSD disk domain (RAID 5 chunk groups) fail one
// after the other; the alarms are followed from eSight to OC, down to the affected volume; the root
// alarm is acknowledged; both disks are repaired and every alarm clears.

const DISKS = ["CTE0:0", "CTE0:1"];

async function drill(page: Page, disk: string, op: "Fail" | "Repair") {
  await page.getByRole("button", { name: `${op} disk ${disk}`, exact: true }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByRole("button", { name: op, exact: true }).click();
  await expect(dialog).toHaveCount(0);
}

test.afterAll(async ({ playwright }, info) => {
  // Whatever happened above, no disk is left failed for the journeys after this one.
  const admin = await signedIn(playwright, info.project.use.baseURL as string, "cloud_admin");
  const action = serverActions().find((a) => a.name === "drillDiskAction");
  // A disk that is not failed refuses the repair, harmlessly.
  if (action) for (const id of ["array-a-cte0-0", "array-a-cte0-1"]) await callAction(admin, action, JSON.stringify([{ id, op: "repair" }]));
  await admin.dispose();
});

test("the O&M admin fails two disks, follows the alarms to the affected volume, acknowledges the root and repairs both", async ({ page, browser }) => {
  // A tenant's SSD volume on the pool the disks carry.
  const tenant = await newSession(browser, "tenant");
  await createVolumeViaApi(tenant, { name: "ssd-drill-e2e", az: "az1", volumeTypeId: "vt-ultra", sizeGb: 10 });

  await signIn(page, "om_admin");
  await page.goto("/esight/arrays/array-a");
  await drill(page, DISKS[0] as string, "Fail");
  await expect(page.getByTestId("disk-CTE0-0")).toContainText("Failed");
  await expect(page.getByTestId("alarm-count-major")).not.toHaveText("0");

  await drill(page, DISKS[1] as string, "Fail");
  await expect(page.getByTestId("raid-DiskDomain_SSD")).toContainText("Failed");
  await expect(page.getByTestId("alarm-count-critical")).not.toHaveText("0");

  // OC: one root cause (the first disk) with the group, the pool, the volume and whatever else used the pool under it.
  await page.getByTestId("alarm-counter").click();
  await expect(page).toHaveURL(/\/oc\/alarms/);
  const root = page.getByTestId(/^root-disk:/).first();
  await expect(page.getByTestId("root-cause-summary")).toContainText("2 root causes");
  await expect(page.getByTestId("alarm-pool:pool-az1-ssd-pool_offline")).toContainText("az1-ssd-pool");
  const volumeAlarm = page.getByRole("row").filter({ hasText: "ssd-drill-e2e" });
  await expect(volumeAlarm).toContainText("Volume in error");
  await expect(root.getByTestId("derived-count")).not.toContainText("0 derived");

  // The root alarm: its derived alarms, then acknowledged.
  await root.getByRole("link").click();
  await expect(page.getByTestId("alarm-title")).toContainText("Disk failed");
  await expect(page.getByTestId("derived-title")).toBeVisible();
  await expect(page.getByRole("row").filter({ hasText: "ssd-drill-e2e" })).toContainText("Volume in error");
  await page.getByRole("button", { name: "Acknowledge", exact: true }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Acknowledge", exact: true }).click();
  await expect(page.getByTestId("alarm-state")).toContainText("Acknowledged");

  // The tenant sees the volume in error.
  await tenant.goto("/sc/evs");
  await expect(tenant.getByTestId("volume-row-ssd-drill-e2e")).toContainText("Error");

  // Repair both: every alarm clears, the volume is back.
  await page.goto("/esight/arrays/array-a");
  await drill(page, DISKS[0] as string, "Repair");
  await drill(page, DISKS[1] as string, "Repair");
  await expect(page.getByTestId("raid-DiskDomain_SSD")).toContainText("Normal");
  for (const s of ["critical", "major"]) await expect(page.getByTestId(`alarm-count-${s}`)).toHaveText("0");
  await page.goto("/oc/alarms");
  await expect(page.getByTestId("root-cause-summary")).toContainText("0 root causes");
  await page.goto("/oc/alarms?state=cleared");
  await expect(page.getByRole("row").filter({ hasText: "ssd-drill-e2e" })).toContainText("Cleared");
  await tenant.reload();
  await expect(tenant.getByTestId("volume-row-ssd-drill-e2e")).toContainText("Available");
});

test("the cloud admin stops the active controller and sees a standby take over, then starts it again as a standby", async ({ page }) => {
  await signIn(page, "cloud_admin");
  await page.goto("/cps");
  const active = page.getByTestId(/^node-ctrl-/).filter({ has: page.getByTestId("controller-role").filter({ hasText: "Active" }) });
  await expect(active).toHaveCount(1);
  const name = ((await active.getAttribute("data-testid")) as string).replace("node-", "");
  await page.getByRole("button", { name: `Stop controller ${name}`, exact: true }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Stop", exact: true }).click();
  await expect(page.getByTestId(`node-${name}`).getByTestId("controller-role")).toHaveText("Stopped");
  await expect(page.getByTestId("alarm-count-major")).not.toHaveText("0");
  // Within a few cloud seconds its session times out and a standby is elected: the event log says so.
  await expect(async () => {
    await page.reload();
    await expect(page.getByTestId("cps-leader")).not.toContainText(name, { timeout: 1000 });
    await expect(page.getByTestId("cps-leader")).toContainText("Active controller", { timeout: 1000 });
  }).toPass({ timeout: 45_000 });
  await expect(page.getByTestId("cps-event-leader_elected").first()).toContainText("elected active");
  await expect(page.getByTestId("cps-event-leader_lost").first()).toContainText(name);

  await page.getByRole("button", { name: `Start controller ${name}`, exact: true }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Start", exact: true }).click();
  await expect(async () => {
    await page.reload();
    await expect(page.getByTestId(`node-${name}`).getByTestId("controller-role")).toHaveText("Standby", { timeout: 1000 });
  }).toPass({ timeout: 30_000 });
  await page.goto(`/oc/alarms?state=cleared&type=controller_down`);
  await expect(page.getByTestId(`alarm-controller:${name}-controller_down`).first()).toContainText("Cleared");
});
