import { expect } from "@playwright/test";
import { test } from "./fixtures";
import { signIn } from "./helpers";

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
