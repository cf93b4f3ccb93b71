import { expect } from "@playwright/test";
import { test } from "./fixtures";
import { signIn } from "./helpers";
import { callAction, serverActions, signedIn } from "./matrix-helpers";

test.describe("sign-in", () => {
  test("a wrong password shows a clear error and keeps the user on the login page", async ({ page }) => {
    await page.goto("/login");
    // The page names the demo accounts itself; it does not send people to a README.
    await expect(page.locator("body")).toContainText("Demo accounts: tenant");
    await expect(page.locator("body")).not.toContainText("README");
    await page.getByLabel("User name").fill("tenant");
    await page.getByLabel("Password").fill("not-the-password");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByTestId("login-error")).toHaveText("Incorrect user name or password.");
    await expect(page).toHaveURL(/\/login/);
  });

  test("five wrong passwords lock the account, even for the right password", async ({ page, playwright }, info) => {
    // An account of its own (the operation admin creates it), so no demo user stays locked for the journeys after this one.
    const username = `locked_${info.retry}_${Date.now() % 100000}`;
    const op = await signedIn(playwright, info.project.use.baseURL as string, "op_admin");
    const createUser = serverActions().find((a) => a.name === "createUserAction")!;
    expect((await callAction(op, createUser, JSON.stringify([{ username, displayName: "Lock test", email: "", password: "Hcs@console1", role: "tenant_user", vdcId: "vdc-rd-platform" }]))).ok).toBe(true);
    await op.dispose();
    await page.goto("/login");
    for (let i = 0; i < 5; i++) {
      await page.getByLabel("User name").fill(username);
      await page.getByLabel("Password").fill(`wrong-${i}`);
      await page.getByRole("button", { name: "Sign in" }).click();
      // Wait for this attempt's answer before the next: the button reads "Signing in..." meanwhile.
      await expect(page.getByRole("button", { name: "Sign in", exact: true })).toBeEnabled();
      await expect(page.getByTestId("login-error")).toContainText(i < 4 ? "Incorrect user name or password." : "locked");
    }
    // The user name is kept after a failure; the right password is refused while locked.
    await expect(page.getByLabel("User name")).toHaveValue(username);
    await page.getByLabel("Password").fill("Hcs@console1");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("button", { name: "Sign in", exact: true })).toBeEnabled();
    await expect(page.getByTestId("login-error")).toContainText("locked");
    await expect(page).toHaveURL(/\/login/);
  });

  test("a signed-out visitor is sent to sign in; sign-out ends the session", async ({ page }) => {
    await page.goto("/sc/ecs");
    await expect(page).toHaveURL(/\/login/);
    await signIn(page, "tenant");
    await page.getByRole("button", { name: "User menu" }).click();
    await page.getByRole("menuitem", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/login/);
    await page.goto("/sc/ecs");
    await expect(page).toHaveURL(/\/login/);
  });

  test("the top bar shows only the portals a role may use", async ({ page }) => {
    await signIn(page, "tenant");
    const portals = page.getByRole("navigation", { name: "Portals" }).getByRole("link");
    await expect(portals).toHaveText(["SC"]);
    expect((await page.goto("/service-om/hosts"))?.status()).toBe(403);
    await expect(page.getByTestId("forbidden")).toContainText("None of your roles opens this page");
  });

  test("the cloud admin sees Service OM, CPS, OC and eSight, and the language switches to Chinese", async ({ page }) => {
    await signIn(page, "cloud_admin");
    await expect(page.getByRole("navigation", { name: "Portals" }).getByRole("link")).toHaveText(["OC", "Service OM", "CPS", "eSight"]);
    await expect(page.getByTestId("cloud-clock")).toContainText("UTC");
    await page.getByRole("button", { name: "Switch language" }).click();
    await expect(page.getByRole("navigation", { name: "门户" })).toBeVisible();
    await page.getByRole("button", { name: "切换语言" }).click();
    await expect(page.getByRole("navigation", { name: "Portals" })).toBeVisible();
  });
});
