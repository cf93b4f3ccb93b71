import { expect } from "@playwright/test";
import { test } from "./fixtures";
import { launchViaWizard, newSession, signIn } from "./helpers";

test("a tagged flavor lands only in the host group with the same tag", async ({ page, browser }) => {
  await signIn(page, "cloud_admin");

  // A host group in az2 with two hosts and the tag "e2e-tag".
  await page.goto("/service-om/host-groups");
  await page.getByRole("button", { name: "Create host group" }).click();
  const hg = page.getByRole("dialog");
  await hg.getByLabel("Name", { exact: true }).fill("e2e-tagged");
  await hg.getByLabel("AZ", { exact: true }).selectOption("az2");
  await hg.getByLabel("Metadata").fill("tag=e2e-tag");
  await hg.getByRole("checkbox", { name: "cmp-az2-0002" }).check();
  await hg.getByRole("checkbox", { name: "cmp-az2-0003" }).check();
  await hg.getByRole("button", { name: "Save" }).click();
  await expect(page.getByTestId("host-group-e2e-tagged")).toContainText("2 hosts");
  await expect(page.getByTestId("host-group-e2e-tagged")).toContainText("tag=e2e-tag");

  // A flavor carrying that tag; a malformed spec value is refused with Nova's allowed values.
  await page.goto("/service-om/flavors");
  await page.getByRole("button", { name: "Create flavor" }).click();
  const fl = page.getByRole("dialog");
  await fl.getByLabel("Name", { exact: true }).fill("e2e.tagged.2");
  await fl.getByLabel("vCPUs", { exact: true }).fill("2");
  await fl.getByLabel("RAM (MB)").fill("4096");
  await fl.getByLabel("Root disk (GB)").fill("40");
  await fl.getByLabel(/^Extra specs/).fill("hcs:host_group_tag=e2e-tag\nhw:mem_page_size=huge");
  await fl.getByRole("button", { name: "Save" }).click();
  await expect(fl.getByRole("alert")).toContainText("hw:mem_page_size accepts");
  await fl.getByLabel(/^Extra specs/).fill("hcs:host_group_tag=e2e-tag");
  await fl.getByRole("button", { name: "Save" }).click();
  await expect(page.getByTestId("flavor-e2e.tagged.2")).toContainText("hcs:host_group_tag=e2e-tag");

  // The tenant launches it; it lands on one of the group's two hosts.
  const tenant = await newSession(browser, "tenant");
  await launchViaWizard(tenant, { name: "e2e-tagged-vm", az: "az2", flavor: "e2e.tagged.2", image: "CentOS 7.9 64bit" });
  const row = tenant.getByTestId("instance-row-e2e-tagged-vm");
  await expect(row.locator("[data-status]")).toHaveAttribute("data-status", "ACTIVE", { timeout: 30_000 });
  await page.goto("/service-om/instances?q=e2e-tagged-vm");
  await expect(page.getByTestId("instance-row-e2e-tagged-vm")).toContainText(/cmp-az2-000[23]/);

  // In az1 no group carries the tag: the wizard offers the flavor disabled, with the reason.
  await tenant.goto("/sc/ecs/create");
  await tenant.locator("label").filter({ has: tenant.getByRole("radio", { name: "az1", exact: true }) }).click();
  await expect(tenant.getByRole("radio", { name: "e2e.tagged.2", exact: true })).toBeDisabled();
  await expect(tenant.getByTestId("flavor-e2e.tagged.2")).toContainText("No host in az1 can run this flavor");
  // Asked anyway (through the API), the administrator is told the rule and the tag; the tenant, Nova's words.
  const asked = { name: "e2e-tagged-az1", az: "az1", flavorId: "e2e.tagged.2", imageId: "img-centos-79", projectId: "prj-platform" };
  const admin = await page.request.post("/api/v1/instances", { data: asked });
  expect(admin.status()).toBe(409);
  expect(((await admin.json()) as { error: { message: string } }).error.message).toMatch(/No host group in az1.*tag=e2e-tag/);
  const mine = await tenant.request.post("/api/v1/instances", { data: asked });
  expect(((await mine.json()) as { error: { message: string } }).error.message).toBe("No valid host was found. There are not enough hosts available.");
});
