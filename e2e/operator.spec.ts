import { expect } from "@playwright/test";
import { test } from "./fixtures";
import { signIn } from "./helpers";

test("cloud admin browses hosts with server-side filtering and changes the over-commit ratio", async ({ page }) => {
  await signIn(page, "cloud_admin");
  await page.goto("/service-om/hosts");
  await expect(page.getByText("Total 24")).toBeVisible();
  await page.getByRole("combobox", { name: "All architectures" }).selectOption("aarch64");
  await expect(page).toHaveURL(/arch=aarch64/);
  const rows = page.locator("[data-testid^=host-row-]");
  await expect(rows.first()).toContainText("aarch64");
  expect(await rows.count()).toBeLessThan(24);

  await page.goto("/cps/settings");
  const cpu = page.getByLabel("CPU allocation ratio");
  await expect(cpu).toHaveValue("16");
  // This cloud starts with dedicated host groups isolated and HCS's host-group preference on.
  await expect(page.getByLabel("Dedicated host groups (isolated aggregate filtering)")).toBeChecked();
  await expect(page.getByLabel("HCS host-group preference")).toBeChecked();
  await cpu.fill("0");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText("Value is below the minimum.")).toBeVisible();
  await cpu.fill("8");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("main").getByText("Saved.")).toBeVisible();
  await page.goto("/service-om");
  await expect(page.getByText("CPU 8")).toBeVisible();
});

test("the cloud admin raises the thin-provisioning ratio in CPS and a pool's provisionable capacity follows", async ({ page }) => {
  await signIn(page, "cloud_admin");
  // az1-sas-pool: a RAID 2.0+ domain of 24 x 1,800 GB (8D+2P, one disk's worth of hot spare) is
  // 33,120 GB usable; 5 % reserved leaves 31,464 GB, which thin volumes may use 3 times over.
  await page.goto("/oc");
  const pool = page.getByRole("row", { name: /az1-sas-pool/ });
  await expect(pool).toContainText("0 / 94392 GB");
  await page.goto("/cps/settings");
  const ratio = page.getByLabel("Thin-provisioning ratio");
  await expect(ratio).toHaveValue("3.0");
  await ratio.fill("0.5");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText("A number from 1 to 100 (two decimals at most), or auto.")).toBeVisible();
  await ratio.fill("4");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("main").getByText("Saved.")).toBeVisible();
  await page.goto("/oc");
  await expect(pool).toContainText("0 / 125856 GB");
  await expect(pool).toContainText("4");
  // Back to the default for the journeys that follow.
  await page.goto("/cps/settings");
  await page.getByLabel("Thin-provisioning ratio").fill("3.0");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("main").getByText("Saved.")).toBeVisible();
});

test("the auditor sees every portal but cannot change settings", async ({ page }) => {
  await signIn(page, "auditor");
  await expect(page.getByRole("navigation", { name: "Portals" }).getByRole("link")).toHaveText(["SC", "OC", "Service OM", "CPS", "eSight"]);
  await page.goto("/cps/settings");
  await expect(page.getByLabel("CPU allocation ratio")).toBeDisabled();
  await expect(page.getByRole("button", { name: "Save" })).toHaveCount(0);
  await page.goto("/esight");
  await expect(page.getByText("OceanStor-5500-A")).toBeVisible();
  await page.goto("/cps");
  await expect(page.getByTestId("node-ctrl-01")).toContainText("Active");
  await expect(page.getByTestId("node-ctrl-02")).toContainText("Standby");
});

test("explain placement names the rejecting filter for every host, and a disabled host is skipped", async ({ page }) => {
  await signIn(page, "cloud_admin");
  // Disable one az1 host for maintenance from its page.
  await page.goto("/service-om/hosts/cmp-az1-0001");
  await page.getByRole("button", { name: "Disable" }).click();
  await page.getByRole("dialog").getByLabel("Reason").fill("firmware upgrade");
  await page.getByRole("dialog").getByRole("button", { name: "OK" }).click();
  await expect(page.getByText("firmware upgrade")).toBeVisible();

  // An impossible request: every host has its reason, the disabled one included.
  await page.goto("/service-om/placement");
  await page.getByLabel("AZ", { exact: true }).selectOption("az1");
  await page.getByLabel("Flavor").selectOption("m6.32xlarge.8");
  await page.getByRole("button", { name: "Explain", exact: true }).click();
  await expect(page.getByText("No host can take this request now")).toBeVisible();
  const rows = page.locator("[data-testid^=placement-cmp-]");
  await expect(rows).toHaveCount(24);
  for (const row of await rows.all()) await expect(row).toContainText("Rejected");
  await expect(page.getByTestId("placement-cmp-az1-0001")).toContainText("ComputeFilter");
  await expect(page.getByTestId("placement-cmp-az1-0001")).toContainText("disabled by an administrator");
  await expect(page.getByTestId("placement-cmp-az2-0001")).toContainText("AvailabilityZoneFilter");
  await expect(page.getByTestId("placement-cmp-az1-0002")).toContainText("VCPU");

  // A possible request: a rank-1 host, never the disabled one.
  await page.getByLabel("Flavor").selectOption("s6.large.2");
  await page.getByRole("button", { name: "Explain", exact: true }).click();
  await expect(page.getByText(/It would land on cmp-az1-/)).toBeVisible();
  await expect(page.getByText("It would land on cmp-az1-0001 now.")).toHaveCount(0);
  await expect(page.getByTestId("placement-cmp-az1-0001")).toContainText("Rejected");

  // Forced onto the disabled host (az:host): Zed's Placement forbids COMPUTE_STATUS_DISABLED, so
  // even a forced host must be enabled.
  await page.getByLabel("Forced host (optional)").fill("cmp-az1-0001");
  await page.getByRole("button", { name: "Explain", exact: true }).click();
  await expect(page.getByText("No host can take this request now")).toBeVisible();
  await expect(page.getByTestId("placement-cmp-az1-0001")).toContainText("disabled by an administrator");
  // Forced onto an enabled host, the filters are skipped: only Placement answers.
  await page.getByLabel("Forced host (optional)").fill("cmp-az1-0002");
  await page.getByRole("button", { name: "Explain", exact: true }).click();
  await expect(page.getByText("It would land on cmp-az1-0002 now.")).toBeVisible();
  await expect(page.getByTestId("placement-cmp-az1-0003")).toContainText("not the requested host cmp-az1-0002");

  // Enable it again so other journeys see the whole cloud.
  await page.goto("/service-om/hosts/cmp-az1-0001");
  await page.getByRole("button", { name: "Enable" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "OK" }).click();
  await expect(page.getByRole("button", { name: "Disable" })).toBeVisible();
});

test("explain placement's volume mode shows every pool's verdict and why a volume fits nowhere", async ({ page }) => {
  await signIn(page, "cloud_admin");
  await page.goto("/service-om/placement");
  await page.getByLabel("Volume AZ").selectOption("az1");
  await page.getByLabel("Volume type").selectOption({ label: "SSD" });
  await page.getByLabel("Size (GB)").fill("100");
  await page.getByRole("button", { name: "Explain volume" }).click();
  await expect(page.getByText("It would be created on pool-az1-ssd now (thick).")).toBeVisible();
  // The SAS pool of the same AZ is not of the type; the other AZ's pools are elsewhere.
  await expect(page.getByTestId("volume-placement-pool-az1-sas")).toContainText("CapabilitiesFilter");
  await expect(page.getByTestId("volume-placement-pool-az1-sas")).toContainText("The type needs volume_backend_name = oceanstor-ssd");
  await expect(page.getByTestId("volume-placement-pool-az2-sas")).toContainText("AvailabilityZoneFilter");
  await page.getByLabel("Size (GB)").fill("90000");
  await page.getByRole("button", { name: "Explain volume" }).click();
  await expect(page.getByText(/No pool can take this volume now: CapacityFilter refused the last ones \(90000 GB asked/)).toBeVisible();
  await expect(page.getByTestId("volume-placement-pool-az1-ssd")).toContainText("90000 GB asked");
});
