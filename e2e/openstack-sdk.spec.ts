import { execFile } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { expect } from "@playwright/test";
import { test } from "./fixtures";
import { PASSWORD, signIn } from "./helpers";
import { clientPython } from "./openstack-shell";

// The real openstacksdk (Debian's python3-openstacksdk) driving the console as a script automating
// a cloud would: a VPC (network, subnet, router with its gateway and interface, a security group
// and rule), a server booted into it, a volume attached and a floating IP on its port; then
// everything taken down. What the script built must be what the console shows.

const run = promisify(execFile);
const SCRIPT = join(dirname(fileURLToPath(import.meta.url)), "scripts", "sdk-vpc.py");

async function sdk(args: string[]): Promise<Record<string, unknown>> {
  const env = {
    PATH: process.env.PATH ?? "/usr/bin:/bin",
    HOME: process.env.HOME ?? "/tmp",
    OS_AUTH_URL: `${test.info().project.use.baseURL}/openstack/identity/v3`,
    OS_IDENTITY_API_VERSION: "3",
    OS_USERNAME: "tenant",
    OS_PASSWORD: PASSWORD,
    OS_USER_DOMAIN_NAME: "Default",
    OS_PROJECT_NAME: "platform_dev",
    OS_PROJECT_DOMAIN_NAME: "Default",
  };
  const { stdout } = await run(clientPython(), [SCRIPT, ...args], { env: env as unknown as NodeJS.ProcessEnv, timeout: 300_000 });
  return JSON.parse(stdout.trim().split("\n").at(-1) as string) as Record<string, unknown>;
}

test("an openstacksdk script builds a VPC, boots a server into it with a volume and a floating IP, and takes it all down; the console shows each step", async ({ page }) => {
  test.slow();
  const built = (await sdk(["build", "sdk"])) as { network: string; subnet: string; router: string; server: string; status: string; volume: string; address: string; floating_address: string; attached: string[] };
  expect(built.status).toBe("ACTIVE");
  expect(built.attached).toEqual([built.volume]);
  expect(built.address).toMatch(/^10\.42\.0\./);

  await signIn(page, "tenant");
  // The network is a VPC whose address space its first subnet set, routed by the script's router.
  await page.goto(`/sc/vpcs/${built.network}`);
  await expect(page.getByRole("heading", { name: "sdk-net" })).toBeVisible();
  await expect(page.getByTestId("vpc-cidr")).toHaveText("10.0.0.0/8");
  await expect(page.getByRole("row").filter({ hasText: "sdk-subnet" })).toContainText("10.42.0.0/24");
  await expect(page.getByText("sdk-router").first()).toBeVisible();
  // The server, with its address on that subnet and the volume attached.
  const ecs = (await (await page.request.get(`/api/v1/instances/${built.server}`)).json()) as { name: string; ipAddress: string; status: string };
  expect([ecs.name, ecs.ipAddress, ecs.status]).toEqual(["sdk-server", built.address, "ACTIVE"]);
  const volume = (await (await page.request.get(`/api/v1/volumes/${built.volume}`)).json()) as { status: string; attachments: { instanceId: string }[] };
  expect(volume.status).toBe("in-use");
  expect(volume.attachments.map((a) => a.instanceId)).toEqual([built.server]);
  await page.goto("/sc/eips");
  await expect(page.getByRole("row").filter({ hasText: built.floating_address })).toContainText("sdk-server");

  expect(await sdk(["teardown", JSON.stringify(built)])).toEqual({ deleted: true });
  expect((await page.request.get(`/api/v1/instances/${built.server}`)).status()).toBe(404);
  expect((await page.request.get(`/api/v1/volumes/${built.volume}`)).status()).toBe(404);
  const gone = await page.goto(`/sc/vpcs/${built.network}`);
  expect(gone?.status()).toBe(404);
});
