import { expect, test } from "@playwright/test";
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
  await cpu.fill("0");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText("Value is below the minimum.")).toBeVisible();
  await cpu.fill("8");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText("Saved.")).toBeVisible();
  await page.goto("/service-om");
  await expect(page.getByText("CPU 8")).toBeVisible();
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
