import { expect, type Page } from "@playwright/test";
import { test } from "./fixtures";
import { launchViaWizard, newSession, signIn } from "./helpers";

async function createVdc(page: Page, opts: { name: string; description: string; azs: string[]; quotas: Record<string, string>; child?: boolean }) {
  await page.getByRole("button", { name: opts.child ? "Create sub-VDC" : "Create first-level VDC" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Name", { exact: true }).fill(opts.name);
  await dialog.getByLabel("Description").fill(opts.description);
  for (const box of await dialog.getByRole("checkbox").all()) {
    const label = (await box.locator("xpath=..").innerText()).trim();
    if (opts.azs.includes(label)) await box.check();
    else await box.uncheck();
  }
  for (const [label, value] of Object.entries(opts.quotas)) await dialog.getByLabel(label, { exact: true }).fill(value);
  await dialog.getByRole("button", { name: "Create" }).click();
  await expect(page.getByTestId("vdc-name")).toHaveText(opts.name);
}

async function createUser(page: Page, opts: { username: string; displayName: string; password: string; role: string }) {
  await page.getByRole("tab", { name: /^Users/ }).click();
  await page.getByRole("button", { name: "Create user" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("User name").fill(opts.username);
  await dialog.getByLabel("Display name").fill(opts.displayName);
  await dialog.getByLabel("Password").fill(opts.password);
  await dialog.getByLabel("Role").selectOption({ label: opts.role });
  await dialog.getByRole("button", { name: "Create", exact: true }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId(`vdc-user-${opts.username}`)).toBeVisible();
}

test("operation admin -> VDC admin -> tenant: hierarchical quotas, resource sets, scoped visibility and the audit trail", async ({ page, browser }, info) => {
  // Three roles' journey; names of its own per attempt, so a retry starts clean.
  test.slow();
  const n = `${info.retry}${Date.now() % 1000}`;
  const corp = `E2E Corp ${n}`;
  const team = `E2E Team ${n}`;
  const corpAdmin = `corp_admin_${n}`;
  const teamDev = `team_dev_${n}`;
  // 1. The operation admin creates a first-level VDC with a quota and a resource set (az1 only).
  await signIn(page, "op_admin");
  await page.goto("/sc/organizations");
  await createVdc(page, { name: corp, description: "Created by the e2e journey", azs: ["az1"], quotas: { "ECS instances": "6", vCPUs: "12", "RAM (GB)": "48" } });
  await expect(page.getByTestId("quota-instances")).toContainText("6");
  await expect(page.getByTestId("quota-cores")).toContainText("12");
  await page.getByRole("tab", { name: "Resource sets" }).click();
  await expect(page.getByTestId("resource-set-cn-south-1").getByRole("checkbox", { name: "az1" })).toBeChecked();
  await expect(page.getByTestId("resource-set-cn-south-1").getByRole("checkbox", { name: "az2" })).not.toBeChecked();
  // A weak password is refused with the policy's words; then the VDC admin is created.
  await page.getByRole("tab", { name: /^Users/ }).click();
  await page.getByRole("button", { name: "Create user" }).click();
  await page.getByRole("dialog").getByLabel("User name").fill(corpAdmin);
  await page.getByRole("dialog").getByLabel("Display name").fill("Corp Admin");
  await page.getByRole("dialog").getByLabel("Password").fill(`${corpAdmin}X!`);
  await page.getByRole("dialog").getByRole("button", { name: "Create", exact: true }).click();
  await expect(page.getByRole("dialog").getByRole("alert")).toContainText("may not contain the user name");
  await page.getByRole("dialog").getByRole("button", { name: "Cancel" }).click();
  await createUser(page, { username: corpAdmin, displayName: "Corp Admin", password: "Corp@Admin2026", role: "VDC admin" });

  // 2. The VDC admin sees only their subtree, and creates a smaller second-level VDC and a user.
  const admin = await newSession(browser, corpAdmin, "Corp@Admin2026");
  await admin.goto("/sc/organizations");
  const tree = admin.getByRole("tree");
  await expect(tree.getByRole("link", { name: corp })).toBeVisible();
  await expect(tree.getByRole("link", { name: "R&D Center" })).toHaveCount(0);
  await expect(tree.getByRole("link", { name: "Finance Dept" })).toHaveCount(0);
  await admin.goto("/sc/organizations/vdc-finance");
  await expect(admin.getByText("Not found", { exact: true })).toBeVisible();
  await admin.goto("/sc/organizations");
  await tree.getByRole("link", { name: corp }).click();
  // Their own VDC's limits are set from above: no edit buttons here.
  await expect(admin.getByRole("button", { name: /^Edit quota/ })).toHaveCount(0);
  await createVdc(admin, { name: team, description: "Second level", azs: ["az1"], quotas: { "ECS instances": "3", vCPUs: "4", "RAM (GB)": "16" }, child: true });
  // A child may not be given more than its parent: the edit is refused with the parent's limit.
  await admin.getByRole("button", { name: "Edit quota: vCPUs" }).click();
  await admin.getByRole("dialog").getByLabel("Limit").fill("20");
  await admin.getByRole("dialog").getByRole("button", { name: "Save" }).click();
  await expect(admin.getByRole("dialog").getByRole("alert")).toContainText("at most 12");
  await admin.getByRole("dialog").getByRole("button", { name: "Cancel" }).click();
  await createUser(admin, { username: teamDev, displayName: "Team Developer", password: "Team@Dev2026", role: "Tenant user" });

  // 3. The tenant's launch beyond the quota is refused with the resource and both amounts.
  const dev = await newSession(browser, teamDev, "Team@Dev2026");
  await dev.goto("/sc/ecs/create");
  await expect(dev.getByTestId("launch-quota")).toContainText("vCPUs: 4 available");
  // The wizard greys out a flavor the quota cannot hold; the server refuses it all the same.
  await expect(dev.getByRole("radio", { name: "c6.4xlarge.2", exact: true })).toBeDisabled();
  await expect(dev.getByRole("row", { name: /c6\.4xlarge\.2/ })).toContainText("over quota");
  const refused = await dev.request.post("/api/v1/instances", { data: { name: "too-many-cores", az: "az1", flavorId: "c6.4xlarge.2", imageId: "img-centos-79" } });
  expect(refused.status()).toBe(409);
  expect((await refused.json()).error).toMatchObject({ code: "QUOTA_EXCEEDED", message: `Quota exceeded in VDC ${team}: vCPUs requested 16, available 4.` });
  // Within the quota it launches; the usage shows on the VDC page up the tree.
  await launchViaWizard(dev, { name: "fits", az: "az1", flavor: "s6.xlarge.2", image: "CentOS 7.9 64bit" });
  await expect(dev).toHaveURL(/\/sc\/ecs\?created=/);
  await admin.reload();
  await expect(admin.getByTestId("quota-cores")).toContainText("4 / 4");
  await page.goto("/sc/organizations");
  await page.getByRole("tree").getByRole("link", { name: corp }).click();
  await expect(page.getByTestId("quota-cores")).toContainText("4 / 12");

  // 4. The audit log shows each step: the VDC admin sees their subtree's entries.
  await admin.goto("/sc/audit");
  for (const action of ["vdc.create", "user.create", "quota.update", "ecs.launch"]) await expect(admin.getByTestId(`audit-${action}`).first()).toBeVisible();
  await expect(admin.getByTestId("audit-quota.update").first()).toContainText("Refused");
  const csv = await admin.request.get("/api/v1/audit/export");
  expect(csv.status()).toBe(200);
  const text = await csv.text();
  expect(text.split("\r\n")[0]).toContain("seq,time,user,roles,vdc,action");
  expect(text).toContain(teamDev);
  expect(text).not.toContain("vdc-finance");
  // The operation admin sees the first-level steps too.
  await page.goto("/sc/audit?q=op_admin");
  await expect(page.getByTestId("audit-vdc.create").first()).toBeVisible();
  await expect(page.getByTestId("audit-user.create").first()).toBeVisible();
});
