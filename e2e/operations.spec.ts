import { expect, type Page } from "@playwright/test";
import { test } from "./fixtures";
import { createVolumeViaApi, newSession, signIn } from "./helpers";
import { callAction, serverActions, signedIn } from "./matrix-helpers";

// The O&M admin's fault drill: two disks of the SSD disk domain (RAID 5 chunk groups) fail one
// after the other; the alarms are followed from eSight to OC, down to the affected volume; the root
// alarm is acknowledged; both disks are repaired and every alarm clears.

const DISKS = ["CTE0:0", "CTE0:1"];
const SWITCH = "az1-access-01";
const PORT = `sw-${SWITCH}:10GE1/0/1`;

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
  const part = serverActions().find((a) => a.name === "drillComponentAction");
  if (part) await callAction(admin, part, JSON.stringify([{ id: PORT, op: "repair" }]));
  await admin.dispose();
});

test("the O&M admin fails two disks, follows the alarms to the affected volume, acknowledges the root and repairs both", async ({ page, browser }) => {
  // A tenant's SSD volume on the pool the disks carry.
  const tenant = await newSession(browser, "tenant");
  await createVolumeViaApi(tenant, { name: "ssd-drill-e2e", az: "az1", volumeTypeId: "vt-ultra", sizeGb: 10 });

  await signIn(page, "om_admin");
  await page.goto("/esight/arrays/array-a");
  // What else is open in the cloud (another journey's leftovers) is not this drill's: counted before, compared after.
  const before = { critical: await page.getByTestId("alarm-count-critical").textContent(), major: await page.getByTestId("alarm-count-major").textContent() };
  await drill(page, DISKS[0] as string, "Fail");
  await expect(page.getByTestId("disk-CTE0-0")).toContainText("Failed");
  await expect(page.getByTestId("alarm-count-major")).not.toHaveText(before.major as string);

  await drill(page, DISKS[1] as string, "Fail");
  await expect(page.getByTestId("raid-DiskDomain_SSD")).toContainText("Failed");
  await expect(page.getByTestId("alarm-count-critical")).not.toHaveText(before.critical as string);

  // OC: one root cause (the first disk) with the group, the pool, the volume and whatever else used the pool under it.
  await page.getByTestId("alarm-counter").click();
  await expect(page).toHaveURL(/\/oc\/alarms/);
  const root = page.getByTestId(/^root-disk:/).first();
  // Each failed disk is a root: the second one's own alarm, the first one's with every layer above.
  await expect(page.getByTestId(/^root-disk:/)).toHaveCount(2);
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
  for (const s of ["critical", "major"] as const) await expect(page.getByTestId(`alarm-count-${s}`)).toHaveText(before[s] as string);
  await page.goto("/oc/alarms");
  await expect(page.getByTestId("root-cause-summary")).toBeVisible();
  await expect(page.getByTestId(/^root-disk:/)).toHaveCount(0);
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

test("an operator follows OC's trends and busiest hosts, downloads and prints the capacity report, and the O&M admin edits a threshold rule", async ({ page, browser }) => {
  await signIn(page, "om_admin");
  // The collector fills 90 days of history for every source in the background after the server starts.
  await expect(async () => {
    await page.goto("/oc");
    expect(Number(await page.getByTestId("oc-trends").getAttribute("data-points", { timeout: 2000 }))).toBeGreaterThan(0);
  }).toPass({ timeout: 60_000 });
  await expect(page.getByTestId("oc-trends")).toHaveAttribute("data-tier", "raw");
  await page.getByTestId("oc-trends").getByRole("link", { name: "90 days" }).click();
  await expect(page.getByTestId("oc-trends")).toHaveAttribute("data-tier", "day");
  await expect(page.getByTestId("oc-trends")).toHaveAttribute("data-points", /^(89|90)$/);
  await expect(page.getByTestId(/^top-host-/).first()).toBeVisible();
  await expect(page.getByTestId("oc-alarm-summary")).toBeVisible();

  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Capacity report (CSV)" }).click()]);
  const csv = await (await download.createReadStream()).toArray().then((chunks) => Buffer.concat(chunks).toString("utf8"));
  expect(csv.split("\r\n")[0]).toBe("type,az,name,resource,unit,total,limit,allocated,used,free,oversubscription,days_until_full");
  expect(csv).toMatch(/^compute,az1,az1,vcpu,vCPU,\d+/m);
  expect(csv).toMatch(/^network,/m);
  expect(csv).toMatch(/^storage,/m);

  await page.getByRole("link", { name: "Printable capacity report" }).click();
  await expect(page.getByRole("heading", { name: "Capacity report" })).toBeVisible();
  await expect(page.getByTestId("report-compute-az1-vcpu")).toBeVisible();
  await expect(page.getByRole("button", { name: "Print" })).toBeVisible();

  // A tenant has no capacity report.
  const tenant = await newSession(browser, "tenant");
  expect((await tenant.request.get("/api/v1/export/capacity")).status()).toBe(403);

  // Threshold rules: create one, see it listed, delete it.
  await page.goto("/oc/thresholds");
  await expect(page.getByTestId("rule-host-cpu-85")).toContainText("Major");
  await page.getByRole("button", { name: "Create rule" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Metric").selectOption("temperature");
  await dialog.getByLabel("Threshold").fill("99");
  await dialog.getByLabel("Duration (s)").fill("1200");
  await dialog.getByLabel("Severity").selectOption("warning");
  await expect(dialog.getByTestId("rule-preview")).toHaveText("Host Temperature > 99 for 1200 s");
  await dialog.getByRole("button", { name: "Save" }).click();
  await expect(dialog).toHaveCount(0);
  await expect(page.getByTestId("rule-host-temperature-99")).toContainText("Warning");
  await page.getByRole("button", { name: "Delete rule: Host Temperature > 99 for 1200 s" }).click();
  await expect(page.getByTestId("rule-host-temperature-99")).toHaveCount(0);

  // The cloud admin reads a host's own charts in Service OM.
  const admin = await newSession(browser, "cloud_admin");
  await admin.goto("/service-om/hosts");
  await admin.getByRole("link", { name: /^cmp-/ }).first().click();
  await expect(admin.getByTestId("host-metrics")).toHaveAttribute("data-tier", "raw");
  expect(Number(await admin.getByTestId("host-metrics").getAttribute("data-points"))).toBeGreaterThan(0);
  await expect(admin.getByTestId("metric-cpu-latest")).toHaveText(/^\d+\.\d$/);
});

test("the O&M admin takes a switch port down: the host behind it turns red and is cut off, its alarms under the port; the port back up clears them", async ({ page }) => {
  await signIn(page, "om_admin");
  await page.goto("/esight?role=switch");
  await page.getByTestId(`device-${SWITCH}`).getByRole("link", { name: SWITCH }).click();
  await expect(page.getByTestId("device-name")).toHaveText(SWITCH);
  const row = page.getByTestId("part-10GE1/0/1");
  const host = (await row.getByRole("link").textContent()) as string;
  await page.getByRole("button", { name: `Fail ${SWITCH} 10GE1/0/1`, exact: true }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Take down", exact: true }).click();
  await expect(row).toContainText("Down");
  await expect(page.getByTestId("device-alarm-port_down")).toBeVisible();
  await expect(page.getByTestId("device-health")).toContainText("Alarm");

  // The host behind the port: red, its compute service down, the cut under the port.
  await row.getByRole("link", { name: host }).click();
  await expect(page.getByTestId("device-name")).toHaveText(host);
  await expect(page.getByTestId("device-health")).toContainText("Critical");
  await expect(page.getByTestId("device-reasons")).toContainText("nova-compute is down");
  await expect(page.getByTestId("device-alarm-host_network_lost")).toBeVisible();
  await page.getByTestId("device-alarm-host_network_lost").getByRole("link", { name: "Host network lost" }).click();
  await expect(page.getByTestId("alarm-root")).toContainText("Switch port down");

  await page.goto(`/esight/devices/sw-${SWITCH}`);
  await page.getByRole("button", { name: `Repair ${SWITCH} 10GE1/0/1`, exact: true }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Bring up", exact: true }).click();
  await expect(page.getByTestId("part-10GE1/0/1")).toContainText("Up");
  await expect(page.getByTestId("device-alarm-port_down")).toHaveCount(0);
  await expect(page.getByTestId("device-health")).toContainText("Normal");
});
