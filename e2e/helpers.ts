import { expect, type Browser, type Page } from "@playwright/test";

export const PASSWORD = "Hcs@console1";

export async function signIn(page: Page, username: string, password = PASSWORD): Promise<void> {
  await page.goto("/login");
  await page.getByLabel("User name").fill(username);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).not.toHaveURL(/\/login/);
}

export async function newSession(browser: Browser, username: string, password = PASSWORD): Promise<Page> {
  const ctx = await browser.newContext({ locale: "en-US" });
  const page = await ctx.newPage();
  await signIn(page, username, password);
  return page;
}

/** The wizard's login step: a key pair when one is named, else an administrator password that meets the rule. */
export async function fillLogin(page: Page, keyName?: string): Promise<void> {
  const step = page.getByTestId("login-step");
  if (keyName) {
    await step.getByText("Key pair", { exact: true }).click();
    await page.getByLabel("Key pair name").selectOption(keyName);
    return;
  }
  await step.getByText("Password", { exact: true }).click();
  await page.getByLabel("Administrator password").fill("Cloud@2026x");
  await page.getByLabel("Confirm the password").fill("Cloud@2026x");
}

/** Launch through the tenant wizard; returns on the ECS list. */
export async function launchViaWizard(page: Page, opts: { name: string; az?: string; flavor: string; image: string }): Promise<void> {
  await page.goto("/sc/ecs/create");
  // The AZ radios are visually hidden inside their labels (the label is the button): click the label.
  if (opts.az) await page.locator("label").filter({ has: page.getByRole("radio", { name: opts.az, exact: true }) }).click();
  await page.getByRole("radio", { name: opts.flavor, exact: true }).check();
  await page.getByRole("button", { name: "Next" }).click();
  await page.getByText(opts.image, { exact: true }).click();
  await page.getByLabel("ECS name").fill(opts.name);
  await fillLogin(page);
  await page.getByRole("button", { name: "Next" }).click();
  await page.getByRole("button", { name: "Create now" }).click();
}

/** Launch through the API (setup for journeys that test something else) and wait until the ECS is running. */
export async function launchViaApi(page: Page, opts: { name: string; az: string; flavorId?: string; imageId?: string }): Promise<string> {
  const res = await page.request.post("/api/v1/instances", { data: { name: opts.name, az: opts.az, flavorId: opts.flavorId ?? "s6.small.1", imageId: opts.imageId ?? "img-centos-79" } });
  expect(res.status(), await res.text()).toBe(201);
  const { id } = (await res.json()) as { id: string };
  await expect.poll(async () => ((await (await page.request.get(`/api/v1/instances/${id}`)).json()) as { vmState: string }).vmState, { timeout: 60_000 }).toBe("active");
  return id;
}

/** Create a volume through the API and wait until it is available; returns its id. */
export async function createVolumeViaApi(page: Page, opts: { name: string; az: string; volumeTypeId?: string; sizeGb?: number }): Promise<string> {
  const res = await page.request.post("/api/v1/volumes", { data: { name: opts.name, az: opts.az, volumeTypeId: opts.volumeTypeId ?? "vt-high", sizeGb: opts.sizeGb ?? 20 } });
  expect(res.status(), await res.text()).toBe(201);
  const id = ((await res.json()) as { ids: string[] }).ids[0] as string;
  await expect.poll(async () => ((await (await page.request.get(`/api/v1/volumes/${id}`)).json()) as { status: string }).status, { timeout: 60_000 }).toBe("available");
  return id;
}
