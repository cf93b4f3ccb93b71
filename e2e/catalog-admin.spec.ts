import { expect } from "@playwright/test";
import { test } from "./fixtures";
import { newSession, signIn, fillLogin } from "./helpers";

// The operation admin's side of the catalog: a process built in the level editor and published,
// a product bound to it and published to one VDC's subtree, a new process version that leaves a
// running order on its own, and an unpublish that hides the product but keeps the order going.
test("the operation admin builds a process and a product; tenants order it; versions and unpublishing leave orders alone", async ({ page, browser }, info) => {
  // A long journey through three roles' pages; names of its own per attempt, so a retry never
  // meets the first attempt's process and product in the shared database.
  test.slow();
  const run = `${info.retry}${Date.now() % 10000}`;
  const gate = `E2E gate ${run}`;
  const productName = `E2E pinned ECS ${run}`;
  await signIn(page, "op_admin");
  await page.goto("/sc/processes");
  await page.getByRole("button", { name: "Create process" }).click();
  await page.getByLabel("Name", { exact: true }).fill(gate);
  await page.getByRole("button", { name: "Create and edit" }).click();
  await expect(page).toHaveURL(/\/sc\/processes\/[0-9a-f-]{36}$/);
  await expect(page.getByTestId("process-version")).toContainText("Never published");

  // Level 1 (a VDC admin of the first-level VDC) gets the approver too; level 2 is the operation
  // admin, approved automatically after an hour.
  const l1 = page.getByTestId("level-1");
  await l1.getByLabel("Role").selectOption("approver");
  await page.getByRole("button", { name: "Add approver to level 1" }).click();
  await expect(l1).toContainText("Approver of the level-1 VDC");
  await page.getByRole("button", { name: "Add level" }).click();
  const l2 = page.getByTestId("level-2");
  await l2.getByLabel("Name of level 2").fill("Operations");
  await l2.getByRole("button", { name: "Remove VDC admin of the level-1 VDC from level 2" }).click();
  await expect(l2).toContainText("No approvers");
  await l2.getByLabel("Approver", { exact: true }).selectOption("global_role");
  await l2.getByLabel("Role").selectOption("operation_admin");
  await page.getByRole("button", { name: "Add approver to level 2" }).click();
  await l2.getByLabel("Timeout of level 2 (minutes)").fill("60");
  await l2.getByLabel("On timeout (level 2)").selectOption("approve");
  // Unsaved changes: nothing to publish yet.
  await expect(page.getByRole("button", { name: "Publish" })).toBeDisabled();
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText("Unsaved changes")).toHaveCount(0);
  await page.getByRole("button", { name: "Publish" }).click();
  await expect(page.getByTestId("process-version")).toHaveText("v1 published");
  await expect(page.getByTestId("version-1")).toContainText("Operations");
  await expect(page.getByTestId("version-1")).toContainText("after 60 min: approve");
  const processUrl = page.url();

  // A product bound to it, for the R&D subtree only, locked to az1.
  await page.goto("/sc/products");
  await page.getByRole("button", { name: "Create product" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Name", { exact: true }).fill(productName);
  await dialog.getByLabel("Description").fill("Pinned to az1 for the R&D centre");
  await dialog.getByLabel("Region").selectOption({ label: "CN South-Guangzhou" });
  await dialog.getByLabel("AZ lock").selectOption("az1");
  await dialog.getByLabel("Approval process").selectOption({ label: gate });
  await dialog.getByRole("checkbox", { name: "R&D Center" }).check();
  await dialog.getByRole("button", { name: "Save" }).click();
  await expect(dialog).toHaveCount(0);
  const row = page.locator("tr", { hasText: productName });
  await expect(row).toContainText("Unpublished");
  await expect(row).toContainText("Locked to az1");
  await row.getByRole("button", { name: `Publish ${productName}` }).click();
  await expect(row).toContainText("Published");

  // R&D's tenant sees it with the process that applies; finance's does not.
  const tenant = await newSession(browser, "tenant");
  await tenant.goto("/sc/catalog");
  const card = tenant.getByTestId(/^product-prod-e2e-pinned-ecs/);
  await expect(card).toContainText(`Approval: ${gate}`);
  await expect(card).toContainText("Provisioned only in az1");
  const fin = await newSession(browser, "tenant_fin");
  await fin.goto("/sc/catalog");
  await expect(fin.getByText(productName)).toHaveCount(0);

  await tenant.getByRole("link", { name: `Apply for ${productName}` }).click();
  await tenant.getByRole("radio", { name: "s6.large.2", exact: true }).check();
  await tenant.getByRole("button", { name: "Next" }).click();
  await tenant.getByText("CentOS 7.9 64bit", { exact: true }).click();
  await tenant.getByLabel("ECS name").fill("e2e-pinned");
  await fillLogin(tenant);
  await tenant.getByRole("button", { name: "Next" }).click();
  // A second line in the same order: a smaller machine.
  await tenant.getByRole("button", { name: "Add to order, configure another" }).click();
  await expect(tenant.getByTestId("order-lines")).toContainText("e2e-pinned · s6.large.2 x1 · az1");
  await tenant.getByRole("radio", { name: "s6.medium.2", exact: true }).check();
  await tenant.getByRole("button", { name: "Next" }).click();
  await tenant.getByText("CentOS 7.9 64bit", { exact: true }).click();
  await expect(tenant.getByLabel("ECS name")).toHaveValue("e2e-pinned-2");
  await tenant.getByRole("button", { name: "Next" }).click();
  await tenant.getByRole("button", { name: "Submit order (2 lines)" }).click();
  await expect(tenant).toHaveURL(/\/sc\/orders\/[0-9a-f-]{36}$/);
  await expect(tenant.getByRole("cell", { name: "e2e-pinned-2" })).toBeVisible();
  await expect(tenant.getByRole("cell", { name: "s6.medium.2" })).toBeVisible();
  const orderUrl = tenant.url();
  await expect(tenant.getByText(`${gate} (version 1)`)).toBeVisible();
  await expect(tenant.getByTestId("level-1")).toContainText("Waiting for: approver, vdc_admin");

  // Editing the published process opens draft v2; publishing it leaves the order on v1.
  await page.goto(processUrl);
  await page.getByTestId("level-2").getByLabel("Name of level 2").fill("Operations desk");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByTestId("process-version")).toHaveText("v1 published · draft v2");
  await page.getByRole("button", { name: "Publish" }).click();
  await expect(page.getByTestId("process-version")).toHaveText("v2 published");
  await tenant.reload();
  await expect(tenant.getByText(`${gate} (version 1)`)).toBeVisible();
  await expect(tenant.getByTestId("level-2")).toContainText("Operations");
  await expect(tenant.getByTestId("level-2")).not.toContainText("Operations desk");

  // Unpublished: gone from the catalog; the pending order carries on and can still be approved.
  await page.goto("/sc/products");
  await row.getByRole("button", { name: `Unpublish ${productName}` }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Unpublish" }).click();
  await expect(row).toContainText("Unpublished");
  await tenant.goto("/sc/catalog");
  await expect(tenant.getByText(productName)).toHaveCount(0);
  // Level 1 is decided by the VDC admin (either of its approvers may).
  const vdcAdmin = await newSession(browser, "vdc_admin");
  await vdcAdmin.goto(orderUrl);
  await vdcAdmin.getByRole("button", { name: "Approve" }).click();
  await expect(vdcAdmin.getByTestId("level-1")).toHaveAttribute("data-state", "done");

  // The process is bound: its page offers no delete.
  await page.goto(processUrl);
  await expect(page.getByRole("button", { name: `Delete process ${gate}` })).toHaveCount(0);
});

test("a VDC admin manages their subtree's process and binds it to their VDC; global processes are read-only to them", async ({ page, browser }, info) => {
  const lane = `R&D fast lane ${info.retry}${Date.now() % 10000}`;
  await signIn(page, "vdc_admin");
  await page.goto("/sc/processes");
  await page.getByRole("link", { name: "Standard two-level approval" }).click();
  await expect(page.getByText("A global process: only the operation admin edits it.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Save" })).toHaveCount(0);

  await page.goto("/sc/processes");
  await page.getByRole("button", { name: "Create process" }).click();
  await page.getByLabel("Name", { exact: true }).fill(lane);
  // No "Global" owner for a VDC admin.
  await expect(page.getByRole("dialog").getByLabel("Owner").locator("option", { hasText: "Global" })).toHaveCount(0);
  await page.getByRole("button", { name: "Create and edit" }).click();
  await expect(page).toHaveURL(/\/sc\/processes\/[0-9a-f-]{36}$/);
  await page.getByRole("button", { name: "Publish" }).click();
  await expect(page.getByTestId("process-version")).toHaveText("v1 published");

  // Bound for the Platform team: its tenant's orders of the ECS product pass it.
  await page.getByLabel("Product", { exact: true }).selectOption({ label: "Elastic Cloud Server" });
  await page.getByLabel("VDC", { exact: true }).selectOption({ label: "· Platform" });
  await page.getByRole("button", { name: "Set override" }).click();
  await expect(page.getByTestId("binding-prod-ecs-vdc-rd-platform")).toBeVisible();
  const tenant = await newSession(browser, "tenant");
  await tenant.goto("/sc/catalog");
  await expect(tenant.getByTestId("product-prod-ecs")).toContainText(`Approval: ${lane}`);
  await page.getByRole("button", { name: "Remove the override for Platform" }).click();
  await expect(page.getByTestId("binding-prod-ecs-vdc-rd-platform")).toHaveCount(0);
  await tenant.reload();
  await expect(tenant.getByTestId("product-prod-ecs")).toContainText("Approval: Standard two-level approval");

  // Products are the operation admin's: the VDC admin has no products page.
  expect((await page.goto("/sc/products"))?.status()).toBe(403);
  await expect(page.getByTestId("forbidden")).toBeVisible();
});
