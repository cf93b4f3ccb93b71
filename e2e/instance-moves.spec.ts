import { expect, type Page } from "@playwright/test";
import { test } from "./fixtures";
import { launchViaWizard, newSession, signIn, fillLogin } from "./helpers";

/** Launch through the wizard and open the new instance's detail page once it is ACTIVE. */
async function launchAndOpen(page: Page, name: string, flavor: string): Promise<string> {
  await launchViaWizard(page, { name, az: "az1", flavor, image: "CentOS 7.9 64bit" });
  const row = page.getByTestId(`instance-row-${name}`);
  await expect(row.locator("[data-status]")).toHaveAttribute("data-status", "ACTIVE", { timeout: 30_000 });
  await row.getByRole("link", { name }).click();
  await expect(page.getByTestId("vm-state")).toHaveAttribute("data-state", "active");
  return page.url().split("/").pop()!;
}

async function more(page: Page, name: string, item: string): Promise<void> {
  await page.getByRole("button", { name: `More actions for ${name}` }).click();
  await page.getByRole("menuitem", { name: item }).click();
}

test("resize then confirm, and resize then revert, from the instance page", async ({ page, browser }) => {
  await signIn(page, "tenant");
  await launchAndOpen(page, "e2e-resize", "s6.large.2");
  const ip = await page.getByTestId("private-ip").textContent();

  // Resize up: the instance waits in VERIFY_RESIZE with the new flavor, then confirm keeps it.
  await more(page, "e2e-resize", "Modify specifications");
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("New flavor").selectOption({ label: "s6.xlarge.2 · 4 vCPU · 8 GiB · 40 GB" });
  await dialog.getByRole("button", { name: "Resize" }).click();
  await expect(page.getByTestId("vm-state")).toHaveAttribute("data-state", "resized", { timeout: 30_000 });
  const banner = page.getByTestId("migration-banner");
  await expect(banner).toContainText("Resized from s6.large.2 to s6.xlarge.2");
  await expect(banner).toContainText("Confirmed automatically at");
  await expect(page.getByTestId("flavor")).toContainText("s6.xlarge.2 (4 vCPU");
  // While it waits, Stop is not offered (Nova allows only confirm, revert or delete).
  await expect(page.getByRole("button", { name: "Stop" })).toBeDisabled();
  await banner.getByRole("button", { name: "Confirm" }).click();
  await expect(page.getByTestId("vm-state")).toHaveAttribute("data-state", "active", { timeout: 20_000 });
  await expect(page.getByTestId("migration-banner")).toHaveCount(0);
  await expect(page.getByTestId("flavor")).toContainText("s6.xlarge.2");
  await expect(page.getByTestId("private-ip")).toHaveText(ip!);

  // Resize again, then revert: back to s6.xlarge.2.
  await more(page, "e2e-resize", "Modify specifications");
  await page.getByRole("dialog").getByLabel("New flavor").selectOption({ label: "m6.large.8 · 2 vCPU · 16 GiB · 40 GB" });
  await page.getByRole("dialog").getByRole("button", { name: "Resize" }).click();
  await expect(page.getByTestId("vm-state")).toHaveAttribute("data-state", "resized", { timeout: 30_000 });
  await expect(page.getByTestId("flavor")).toContainText("m6.large.8");
  await page.getByTestId("migration-banner").getByRole("button", { name: "Revert" }).click();
  await expect(page.getByTestId("vm-state")).toHaveAttribute("data-state", "active", { timeout: 20_000 });
  await expect(page.getByTestId("flavor")).toContainText("s6.xlarge.2 (4 vCPU");
  // The tenant's request flow has the steps and no host; the operator's has the claims moved.
  await page.getByRole("tab", { name: "Request flow" }).click();
  await expect(page.getByTestId("task-instance.revert_resize")).toContainText("reverting resize");
  await expect(page.getByTestId("task-instance.revert_resize")).not.toContainText("cmp-");
  const admin = await newSession(browser, "cloud_admin");
  await admin.goto(`/service-om/instances/${page.url().split("/").pop()}`);
  await admin.getByRole("tab", { name: "Request flow" }).click();
  await expect(admin.getByTestId("task-instance.revert_resize")).toContainText("back on cmp-");
  await expect(admin.getByTestId("task-instance.confirm_resize")).toContainText("released 2 vCPU");
});

test("a cloud admin evacuates a down host: its instance is rebuilt elsewhere with the same IP", async ({ page, browser }) => {
  const tenant = await newSession(browser, "tenant");
  const id = await launchAndOpen(tenant, "e2e-evac", "s6.large.2");
  const ip = await tenant.getByTestId("private-ip").textContent();

  await signIn(page, "cloud_admin");
  await page.goto(`/service-om/instances/${id}`);
  const hostLink = page.getByRole("link", { name: /^cmp-az1-/ });
  const source = (await hostLink.textContent())!;
  await hostLink.click();
  await expect(page.getByTestId("host-name")).toHaveText(source);
  // While the host is up, evacuation is not offered.
  await expect(page.getByRole("button", { name: "Evacuate instances" })).toHaveCount(0);

  // Stop its compute service, then move the cloud clock past the 60 s heartbeat timeout.
  await page.getByRole("button", { name: "Stop compute service" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "OK" }).click();
  await page.goto("/cps/settings");
  await page.getByLabel("Move forward by (s)").fill("90");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page.getByRole("main").getByText("Saved.").last()).toBeVisible();

  await page.goto("/service-om/hosts");
  await page.goto(`/service-om/instances/${id}`);
  await page.getByRole("link", { name: source }).click();
  await page.getByRole("button", { name: "Evacuate instances" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Evacuate" }).click();
  // Other journeys' instances may share the host: every one of them is evacuated, none refused.
  await expect(page.getByRole("dialog")).toContainText(/\d+ instances are being evacuated\./);
  await expect(page.getByRole("dialog")).not.toContainText("refused");

  // The tenant sees it rebuilt and running, with its address; the admin sees a new host.
  await tenant.reload();
  await expect(tenant.getByTestId("vm-state")).toHaveAttribute("data-state", "active", { timeout: 30_000 });
  await expect(tenant.getByTestId("task-state")).toHaveAttribute("data-state", "none", { timeout: 30_000 });
  await expect(tenant.getByTestId("private-ip")).toHaveText(ip!);
  await page.goto(`/service-om/instances/${id}`);
  await expect(page.getByRole("link", { name: /^cmp-az1-/ })).not.toHaveText(source);
  await page.getByRole("tab", { name: "Request flow" }).click();
  await expect(page.getByTestId("task-instance.evacuate")).toContainText("rebuilt on cmp-az1-");

  // Bring the service back so later specs see a whole cloud.
  await page.goto("/service-om/hosts");
  await page.getByRole("link", { name: source, exact: true }).click();
  await page.getByRole("button", { name: "Start compute service" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "OK" }).click();
  // Wait for it: a journey that ends with the click may close its page before the service starts.
  await expect(page.getByRole("button", { name: "Stop compute service" })).toBeVisible();
});

// Affinity, because the default RAM weigher already spreads: packing three ECSs on one host
// happens only if the group's policy is applied.
test("a tenant creates an affinity server group and its ECSs share one host", async ({ page, browser }) => {
  await signIn(page, "tenant");
  await page.goto("/sc/server-groups");
  await page.getByRole("button", { name: "Create server group" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Name").fill("e2e-pack");
  await dialog.getByRole("radio", { name: /^Affinity/ }).check();
  await dialog.getByRole("button", { name: "Create" }).click();
  await expect(page.getByTestId("server-group-e2e-pack")).toContainText("Affinity");

  await page.goto("/sc/ecs/create");
  await page.locator("label").filter({ has: page.getByRole("radio", { name: "az2", exact: true }) }).click();
  await page.getByRole("radio", { name: "s6.small.1", exact: true }).check();
  await page.getByRole("button", { name: "Next" }).click();
  await page.getByText("CentOS 7.9 64bit", { exact: true }).click();
  await page.getByLabel("ECS name").fill("e2e-pack");
  await fillLogin(page);
  await page.getByLabel("Quantity").fill("3");
  await page.getByLabel("Server group (optional)").selectOption({ label: "e2e-pack (Affinity, 0)" });
  await page.getByRole("button", { name: "Next" }).click();
  await page.getByRole("button", { name: "Create now" }).click();
  await expect(page).toHaveURL(/\/sc\/ecs\?created=/);

  const admin = await newSession(browser, "cloud_admin");
  await admin.goto("/service-om/instances?q=e2e-pack");
  const hosts = new Set<string>();
  for (const n of ["0001", "0002", "0003"]) hosts.add((await admin.getByTestId(`instance-row-e2e-pack-${n}`).getByText(/^cmp-az2-/).textContent())!);
  expect(hosts.size).toBe(1);
  await page.goto("/sc/server-groups");
  await expect(page.getByTestId("server-group-e2e-pack")).toContainText("e2e-pack-0003");
});
