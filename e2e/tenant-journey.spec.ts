import { expect, type Page } from "@playwright/test";
import { test } from "./fixtures";
import { launchViaWizard, newSession, signIn } from "./helpers";

async function hostAllocation(page: Page, hostId: string): Promise<{ vcpus: number; instances: string }> {
  await page.goto(`/service-om/hosts/${hostId}`);
  const bars = page.getByTestId("host-allocation");
  const text = await bars.innerText();
  const m = /(\d+) of (\d+) \(physical (\d+)\)/.exec(text);
  return { vcpus: Number(m?.[1] ?? -1), instances: await page.getByRole("table").last().innerText() };
}

test("tenant launches an ECS, watches it build, stops, starts and deletes it; the cloud admin sees the host allocation change", async ({ page, browser }) => {
  await signIn(page, "tenant");
  const admin = await newSession(browser, "cloud_admin");

  await launchViaWizard(page, { name: "e2e-web-1", az: "az1", flavor: "s6.xlarge.2", image: "CentOS 7.9 64bit" });
  await expect(page).toHaveURL(/\/sc\/ecs\?created=/);
  // Mark the document: if the page reloaded, the mark would be gone.
  await page.evaluate(() => ((window as unknown as { __noReload: boolean }).__noReload = true));
  const row = page.getByTestId("instance-row-e2e-web-1");
  await expect(row).toBeVisible();
  await expect(row.locator("[data-status]")).toHaveAttribute("data-status", "ACTIVE", { timeout: 30_000 });
  await expect(row).toContainText("192.168.0.");
  expect(await page.evaluate(() => (window as unknown as { __noReload?: boolean }).__noReload)).toBe(true);

  // The detail page shows the request flow the build went through.
  await row.getByRole("link", { name: "e2e-web-1" }).click();
  await expect(page.getByTestId("vm-state")).toHaveAttribute("data-state", "active");
  await expect(page.getByTestId("power-state")).toHaveAttribute("data-state", "running");
  const id = page.url().split("/").pop()!;
  await page.getByRole("tab", { name: "Request flow" }).click();
  for (const step of ["scheduling", "networking", "block device mapping", "spawning"]) await expect(page.getByTestId("task-instance.build")).toContainText(step);
  await page.getByRole("tab", { name: "Console log" }).click();
  await expect(page.getByTestId("console-log")).toContainText("e2e-web-1 login:");
  await expect(page.getByTestId("console-log")).toContainText("169.254.169.254");

  // The cloud admin finds the instance's host and sees it allocated there.
  await admin.goto(`/service-om/instances/${id}`);
  const hostLink = admin.getByRole("link", { name: /^cmp-az1-/ });
  const hostId = (await hostLink.getAttribute("href"))!.split("/").pop()!;
  // The tenant sees Nova's hostId hash, never the host: not on the page, not in its payload.
  const hostName = (await hostLink.innerText()).trim();
  await page.reload();
  await expect(page.getByTestId("host-id-hash")).toHaveText(/^[0-9a-f]{56}$/);
  const html = await page.content();
  expect(html).not.toContain(hostName);
  expect(html).not.toContain(hostId);
  const before = await hostAllocation(admin, hostId);
  expect(before.vcpus).toBeGreaterThanOrEqual(4);
  expect(before.instances).toContain("e2e-web-1");

  // Stop, then start, from the detail page, without reloading.
  await page.getByRole("button", { name: "Stop" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "OK" }).click();
  await expect(page.getByTestId("vm-state")).toHaveAttribute("data-state", "stopped", { timeout: 20_000 });
  await expect(page.getByTestId("power-state")).toHaveAttribute("data-state", "shutdown");
  await expect(page.getByRole("button", { name: "Stop" })).toBeDisabled();
  await page.getByRole("button", { name: "Start" }).click();
  await expect(page.getByTestId("vm-state")).toHaveAttribute("data-state", "active", { timeout: 20_000 });
  await expect(page.getByTestId("power-state")).toHaveAttribute("data-state", "running");

  // Delete from the list's "More" menu.
  await page.goto("/sc/ecs");
  await page.getByRole("button", { name: "More actions for e2e-web-1" }).click();
  await page.getByRole("menuitem", { name: "Delete" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "OK" }).click();
  await expect(page.getByTestId("instance-row-e2e-web-1")).toHaveCount(0, { timeout: 20_000 });

  // The allocation is given back on the host.
  await expect(async () => {
    const after = await hostAllocation(admin, hostId);
    expect(after.vcpus).toBe(before.vcpus - 4);
    expect(after.instances).not.toContain("e2e-web-1");
  }).toPass({ timeout: 20_000 });
});

test("the wizard disables what no host of the AZ could take; a refusal tells a tenant what Nova tells it, and nothing is created", async ({ page }) => {
  await signIn(page, "tenant");
  await page.goto("/sc/ecs/create");
  // 128 vCPUs: more than the largest host of az1 has. Disabled with the reason, before any step.
  const big = page.getByTestId("flavor-m6.32xlarge.8");
  await expect(page.getByRole("radio", { name: "m6.32xlarge.8", exact: true })).toBeDisabled();
  await expect(big).toContainText("No host in az1 can run this flavor");
  await expect(page.getByRole("radio", { name: "s6.small.1", exact: true })).toBeEnabled();
  // az2 has no huge-page host group: the huge-page flavor is possible in az1 only.
  await expect(page.getByRole("radio", { name: "hp.2xlarge.4", exact: true })).toBeEnabled();
  await page.locator("label").filter({ has: page.getByRole("radio", { name: "az2", exact: true }) }).click();
  await expect(page.getByRole("radio", { name: "hp.2xlarge.4", exact: true })).toBeDisabled();
  // The arm64 image: az1 has no Kunpeng host.
  await page.locator("label").filter({ has: page.getByRole("radio", { name: "az1", exact: true }) }).click();
  await page.getByRole("radio", { name: "s6.small.1", exact: true }).check();
  await page.getByRole("button", { name: "Next" }).click();
  await expect(page.getByTestId("image-img-openeuler-2203-arm")).toContainText("No host in az1 can run aarch64 images");
  await expect(page.getByRole("radio", { name: "openEuler 22.03 LTS arm64", exact: true })).toBeDisabled();

  // Through the API (which the wizard does not guard), the same request is refused as Nova
  // refuses a non-administrator: no host, no filter, no numbers.
  const res = await page.request.post("/api/v1/instances", { data: { name: "e2e-too-big", az: "az1", flavorId: "m6.32xlarge.8", imageId: "img-centos-79" } });
  expect(res.status()).toBe(409);
  const body = (await res.json()) as { error: { code: string; message: string } };
  expect(body.error).toMatchObject({ code: "NO_VALID_HOST", message: "No valid host was found. There are not enough hosts available." });
  await page.goto("/sc/ecs?q=e2e-too-big");
  await expect(page.getByTestId("instance-row-e2e-too-big")).toHaveCount(0);
});

test("a tenant who opens another tenant's instance by URL gets not-found", async ({ page, browser }) => {
  await signIn(page, "tenant");
  const created = await page.request.post("/api/v1/instances", { data: { name: "e2e-private", az: "az2", flavorId: "s6.small.1", imageId: "img-ubuntu-2204" } });
  expect(created.status()).toBe(201);
  const { id } = (await created.json()) as { id: string };

  const other = await newSession(browser, "tenant_fin");
  // The page streams behind a loading skeleton, so it shows not-found rather than a 404 status;
  // the API answers 404 outright.
  await other.goto(`/sc/ecs/${id}`);
  await expect(other.getByText("Not found", { exact: true })).toBeVisible();
  await expect(other.getByText("e2e-private")).toHaveCount(0);
  const api = await other.request.get(`/api/v1/instances/${id}`);
  expect(api.status()).toBe(404);
  const act = await other.request.post(`/api/v1/instances/${id}/action`, { data: { action: "delete" } });
  expect(act.status()).toBe(404);
  // And the owner still sees it.
  const mine = await page.request.get(`/api/v1/instances/${id}`);
  expect(mine.status()).toBe(200);
});
