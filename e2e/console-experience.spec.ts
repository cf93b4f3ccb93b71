import { readFileSync } from "node:fs";
import { expect, type Browser, type Page } from "@playwright/test";
import { test } from "./fixtures";
import { newSession, PASSWORD, signIn } from "./helpers";

// Issue 11: one list anatomy, notices after actions, the auditor's read-only console, times in
// the reader's zone, a readable audit log, and no raw message key on any page in either language.

/** Every list: the role that reads it, a column it sorts on, a filter, and its rows' test-id prefix. */
const LISTS: { url: string; role: string; sort: string; filter: [string, string]; row: string }[] = [
  { url: "/sc/ecs", role: "tenant", sort: "name", filter: ["az", "az1"], row: "instance-row-" },
  { url: "/sc/orders", role: "auditor", sort: "orderNo", filter: ["status", "completed"], row: "order-" },
  { url: "/sc/approvals", role: "auditor", sort: "orderNo", filter: ["tab", "handled"], row: "order-" },
  { url: "/sc/users", role: "auditor", sort: "username", filter: ["role", "approver"], row: "user-row-" },
  { url: "/sc/products", role: "op_admin", sort: "name", filter: ["published", "yes"], row: "product-row-" },
  { url: "/sc/processes", role: "auditor", sort: "name", filter: ["owner", "global"], row: "process-row-" },
  { url: "/sc/audit", role: "auditor", sort: "seq", filter: ["result", "success"], row: "audit-" },
  { url: "/service-om/hosts", role: "cloud_admin", sort: "name", filter: ["az", "az2"], row: "host-row-" },
  { url: "/service-om/instances", role: "cloud_admin", sort: "name", filter: ["az", "az1"], row: "instance-row-" },
  { url: "/service-om/flavors", role: "cloud_admin", sort: "name", filter: ["category", "memory"], row: "flavor-" },
  { url: "/service-om/images", role: "cloud_admin", sort: "name", filter: ["arch", "x86_64"], row: "image-" },
  { url: "/service-om/host-groups", role: "cloud_admin", sort: "name", filter: ["az", "az1"], row: "host-group-" },
  { url: "/esight", role: "om_admin", sort: "name", filter: ["role", "compute"], row: "device-" },
];

const rowsOf = (page: Page, prefix: string) => page.locator(`tbody [data-testid^="${prefix}"]`);
const texts = async (page: Page, prefix: string) => (await rowsOf(page, prefix).allInnerTexts()).map((t) => t.split(/\s/)[0]!);

async function session(browser: Browser, role: string, sessions: Map<string, Page>): Promise<Page> {
  const open = sessions.get(role);
  if (open) return open;
  const page = await newSession(browser, role);
  sessions.set(role, page);
  return page;
}

test("every list pages, sorts and filters through its URL, and has a refresh", async ({ browser }) => {
  test.slow();
  const sessions = new Map<string, Page>();
  // Enough ECSs for a second page, and orders waiting in the inbox.
  const tenant = await session(browser, "tenant", sessions);
  const stamp = Date.now() % 100000;
  for (let i = 0; i < 2; i++) {
    const res = await tenant.request.post("/api/v1/instances", { data: { name: `e2e-list-${i}-${stamp}`, az: "az1", flavorId: "s6.small.1", imageId: "img-centos-79", count: 3 } });
    expect(res.status(), await res.text()).toBe(201);
    const order = await tenant.request.post("/api/v1/orders", { data: { productId: "prod-ecs", items: [{ name: `e2e-listorder-${i}-${stamp}`, az: "az1", flavorId: "s6.small.1", imageId: "img-centos-79" }] } });
    expect(order.status(), await order.text()).toBe(201);
  }
  for (const list of LISTS) {
    const page = await session(browser, list.role, sessions);
    // The sort the URL asks for is the sort on screen, both ways.
    await page.goto(`${list.url}?pageSize=5&sort=${list.sort}&dir=asc`);
    const rows = rowsOf(page, list.row);
    await expect(rows.first(), list.url).toBeVisible();
    expect(await rows.count(), list.url).toBeLessThanOrEqual(5);
    const asc = await texts(page, list.row);
    await page.goto(`${list.url}?pageSize=5&sort=${list.sort}&dir=desc`);
    await expect(rows.first()).toBeVisible();
    const desc = await texts(page, list.row);
    if (asc.length > 1) expect(desc, list.url).not.toEqual(asc);
    // Paging by the pager changes the URL and the rows.
    const total = Number(/(\d+)/.exec((await page.getByText(/^Total \d+$/).innerText()) ?? "0")?.[1]);
    if (total > 5) {
      await page.getByRole("button", { name: "Next page" }).click();
      await expect(page).toHaveURL(/[?&]page=2/);
      await expect.poll(() => texts(page, list.row), { message: list.url }).not.toEqual(desc);
    }
    // A filter is a URL parameter: following the URL filters the list.
    const [key, value] = list.filter;
    await page.goto(`${list.url}?${key}=${value}`);
    if (key !== "tab") await expect(page.getByRole("combobox").filter({ has: page.locator(`option[value="${value}"]`) }).first()).toHaveValue(value);
    await page.getByRole("button", { name: "Refresh" }).click();
    await expect(page).toHaveURL(new RegExp(`${key}=${value}`));
  }
  // The filter really filters: every approver row holds the approver role, every az2 host is in az2.
  const auditor = await session(browser, "auditor", sessions);
  await auditor.goto("/sc/users?role=approver");
  for (const row of await rowsOf(auditor, "user-row-").all()) await expect(row).toContainText("Approver");
  const admin = await session(browser, "cloud_admin", sessions);
  await admin.goto("/service-om/hosts?az=az2&pageSize=100");
  for (const row of await rowsOf(admin, "host-row-").all()) await expect(row).toContainText("az2");
  // ECSs are newest first by default.
  await tenant.goto("/sc/ecs");
  await expect(rowsOf(tenant, "instance-row-").first()).toBeVisible();
  const created = await tenant.locator("tbody time").evaluateAll((els) => els.map((e) => e.getAttribute("datetime") ?? ""));
  expect(created).toEqual([...created].sort().reverse());
  // CSV export follows the same filters.
  const csv = await admin.request.get("/api/v1/export/hosts?az=az2");
  expect(csv.headers()["content-type"]).toContain("text/csv");
  const lines = (await csv.text()).trim().split("\r\n");
  expect(lines[0]).toContain("name,az,ip");
  expect(lines.slice(1).every((l) => l.split(",")[1] === "az2")).toBe(true);
});

test("the auditor reads orders, approvals, users, products and processes in every portal, with no change control", async ({ page, browser }) => {
  // An order waiting for approval, so the inbox has one to open.
  const tenant = await newSession(browser, "tenant");
  const placed = await tenant.request.post("/api/v1/orders", { data: { productId: "prod-ecs", items: [{ name: `e2e-audited-${Date.now() % 100000}`, az: "az1", flavorId: "s6.small.1", imageId: "img-centos-79" }] } });
  expect(placed.status(), await placed.text()).toBe(201);
  await signIn(page, "auditor");
  await page.goto("/sc/orders");
  await expect(page.getByRole("heading", { name: "Orders" })).toBeVisible();
  await expect(page.getByRole("button", { name: /Cancel order/ })).toHaveCount(0);
  await page.goto("/sc/approvals");
  await expect(page.getByText("(read-only)")).toBeVisible();
  await expect(page.getByRole("button", { name: /Approve selected/ })).toHaveCount(0);
  await expect(page.getByRole("checkbox")).toHaveCount(0);
  await page.locator('tbody a[href^="/sc/orders/"]').first().click();
  await expect(page.getByTestId("order-no")).toBeVisible();
  await expect(page.getByTestId("order-decision")).toHaveCount(0);
  // Opened from the inbox, the side menu keeps Approvals (not "Orders") highlighted.
  await expect(page.locator('a[aria-current="page"][href="/sc/approvals"]')).toHaveCount(1);
  await expect(page.locator('a[aria-current="page"][href="/sc/orders"]')).toHaveCount(0);
  await page.goto("/sc/users");
  await expect(page.getByTestId("user-row-tenant_fin")).toBeVisible();
  await expect(page.getByRole("button", { name: "Create user" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: /^Edit / })).toHaveCount(0);
  await expect(page.getByRole("button", { name: /^Disable / })).toHaveCount(0);
  await page.goto("/sc/products");
  await expect(page.getByTestId("product-row-prod-ecs")).toBeVisible();
  await expect(page.getByRole("button", { name: /Create product|Publish|Unpublish/ })).toHaveCount(0);
  await page.getByTestId("product-row-prod-ecs").getByRole("link").click();
  await expect(page.getByRole("button", { name: /Edit|Publish|Unpublish|Remove|Save/ })).toHaveCount(0);
  await page.goto("/sc/processes");
  await expect(page.getByTestId("process-row-Standard two-level approval")).toBeVisible();
  await expect(page.getByRole("button", { name: /Create process/ })).toHaveCount(0);
  await page.getByRole("link", { name: "Standard two-level approval" }).click();
  await expect(page.getByRole("button", { name: /Save|Publish|Delete|Add level/ })).toHaveCount(0);
  // ECSs in every tenant, with no operation offered (the states would allow some).
  await page.goto("/service-om/instances");
  await expect(page.locator("tbody tr").first()).toBeVisible();
  await expect(page.getByRole("button", { name: /^More actions for/ })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Start" })).toHaveCount(0);
  // Every portal opens for the auditor, its lists with no create button.
  for (const url of ["/oc", "/service-om/hosts", "/service-om/flavors", "/service-om/images", "/service-om/storage-pools", "/service-om/volume-types", "/cps/settings", "/esight"]) {
    const res = await page.goto(url);
    expect(res?.status(), url).toBe(200);
    await expect(page.getByRole("button", { name: /^(Create|Register)/ })).toHaveCount(0);
  }
});

test("an approval ends in a notice that links to the order", async ({ browser }) => {
  const tenant = await newSession(browser, "tenant");
  const res = await tenant.request.post("/api/v1/orders", { data: { productId: "prod-ecs", items: [{ name: `e2e-toast-${Date.now() % 100000}`, az: "az1", flavorId: "s6.small.1", imageId: "img-centos-79" }] } });
  expect(res.status(), await res.text()).toBe(201);
  const { id, orderNo } = (await res.json()) as { id: string; orderNo: string };
  const approver = await newSession(browser, "vdc_admin");
  await approver.goto(`/sc/orders/${id}?from=approvals`);
  await approver.getByTestId("order-decision").getByRole("button", { name: "Approve" }).click();
  const toast = approver.getByTestId("toast").filter({ hasText: `Order ${orderNo} approved.` });
  await expect(toast).toBeVisible();
  await expect(toast.getByRole("link", { name: `Open ${orderNo}` })).toHaveAttribute("href", `/sc/orders/${id}`);
  // A refusal is a notice too, with the reason: rejecting without a comment.
  const second = await tenant.request.post("/api/v1/orders", { data: { productId: "prod-ecs", items: [{ name: `e2e-toast2-${Date.now() % 100000}`, az: "az1", flavorId: "s6.small.1", imageId: "img-centos-79" }] } });
  const { id: id2 } = (await second.json()) as { id: string };
  await approver.goto(`/sc/orders/${id2}?from=approvals`);
  await approver.getByTestId("order-decision").getByRole("button", { name: "Reject" }).click();
  await expect(approver.getByTestId("toast").filter({ hasText: /reason/i })).toHaveAttribute("data-kind", "error");
});

test("times are in the reader's zone: the browser's by default, or the one chosen in the user menu", async ({ browser }) => {
  // A browser in China: the cloud clock and every time are UTC+8 with no setting at all.
  const ctx = await browser.newContext({ locale: "en-US", timezoneId: "Asia/Shanghai" });
  const shanghai = await ctx.newPage();
  await signIn(shanghai, "auditor");
  await shanghai.goto("/sc/audit");
  await expect(shanghai.getByTestId("time-zone")).toHaveText("UTC+8");
  await expect(shanghai.locator("tbody time").first()).toContainText("UTC+8");
  // A browser in UTC whose user chose Asia/Shanghai: the same, from the first server render.
  const utc = await browser.newContext({ locale: "en-US", timezoneId: "UTC" });
  const page = await utc.newPage();
  await signIn(page, "om_admin");
  await expect(page.getByTestId("time-zone")).toHaveText("UTC");
  await page.getByRole("button", { name: "User menu" }).click();
  await page.getByTestId("time-zone-menu").click();
  await page.getByRole("dialog").getByLabel("Time zone").selectOption("Asia/Shanghai");
  await expect(page.getByTestId("time-zone")).toHaveText("UTC+8");
  await page.keyboard.press("Escape");
  await page.reload();
  await expect(page.getByTestId("time-zone")).toHaveText("UTC+8");
  // Back to the browser's zone.
  await page.getByRole("button", { name: "User menu" }).click();
  await page.getByTestId("time-zone-menu").click();
  await page.getByRole("dialog").getByLabel("Time zone").selectOption("browser");
  await expect(page.getByTestId("time-zone")).toHaveText("UTC");
});

test("the audit log reads as words, filters by a date range, and verifies its chain", async ({ page }) => {
  await signIn(page, "auditor");
  await page.goto("/sc/audit?action=auth.");
  const login = page.getByTestId("audit-auth.login").first();
  await expect(login).toContainText("Sign in");
  await expect(login).toContainText("User");
  await expect(page.locator("body")).not.toContainText("::ffff:");
  await expect(page.locator("body")).not.toContainText("npm run");
  // Today (the cloud's) has entries; a day long past has none.
  const range = page.getByTestId("date-range");
  await range.getByRole("button", { name: "Last 24 hours" }).click();
  await expect(page).toHaveURL(/from=/);
  await expect(page.getByTestId("audit-auth.login").first()).toBeVisible();
  await range.getByLabel("From").fill("2020-01-01");
  await range.getByLabel("To").fill("2020-01-02");
  await expect(page).toHaveURL(/to=2020-01-02/);
  await expect(page.getByText("No entry matches these filters.")).toBeVisible();
  await range.getByRole("button", { name: "Any time" }).click();
  await expect(page.getByTestId("audit-auth.login").first()).toBeVisible();
  await page.getByRole("button", { name: "Verify the chain" }).click();
  await expect(page.getByTestId("chain-verdict")).toContainText("Chain verified");
});

/** Top-level namespaces of the messages: a rendered "ecs.create.title" is a key nobody translated. */
const NAMESPACES = Object.keys(JSON.parse(readFileSync("messages/en.json", "utf8")) as Record<string, unknown>);
const RAW_KEY = new RegExp(`\\b(?:${NAMESPACES.join("|")})\\.[A-Za-z_]+(?:\\.[A-Za-z_]+)*\\b`);

test("no page shows a raw message key, in English or in Chinese", async ({ browser }) => {
  // Some thirty pages and their first details, in two languages.
  test.setTimeout(360_000);
  const visits: Record<string, string[]> = {
    tenant: ["/sc", "/sc/ecs", "/sc/ecs/create", "/sc/evs", "/sc/vpcs", "/sc/security-groups", "/sc/eips", "/sc/catalog", "/sc/orders", "/sc/server-groups"],
    cloud_admin: ["/service-om/networks"],
    auditor: ["/sc", "/sc/orders", "/sc/approvals", "/sc/users", "/sc/products", "/sc/processes", "/sc/audit", "/sc/organizations", "/oc", "/service-om", "/service-om/hosts", "/service-om/instances", "/service-om/flavors", "/service-om/images", "/service-om/host-groups", "/service-om/placement", "/service-om/storage-pools", "/service-om/volume-types", "/cps", "/cps/settings", "/esight", "/oc/alarms", "/esight/alarms", "/oc/reports", "/oc/thresholds", "/esight/devices/sw-az1-access-01", "/esight/devices/cmp-az1-0001"],
  };
  for (const locale of ["en", "zh-CN"]) {
    for (const [role, urls] of Object.entries(visits)) {
      const ctx = await browser.newContext({ locale: "en-US" });
      await ctx.addCookies([{ name: "NEXT_LOCALE", value: locale, url: test.info().project.use.baseURL! }]);
      const page = await ctx.newPage();
      await page.goto("/login");
      await page.locator("input[name=username]").fill(role);
      await page.locator("input[name=password]").fill(PASSWORD);
      await page.locator("button[type=submit]").click();
      await expect(page).not.toHaveURL(/\/login/);
      // Detail pages too: the first of each list.
      const details: string[] = [];
      for (const url of urls) {
        await page.goto(url);
        const text = await page.locator("body").innerText();
        expect(RAW_KEY.exec(text)?.[0] ?? null, `${locale} ${url}`).toBeNull();
        if (["/sc/ecs", "/sc/evs", "/sc/vpcs", "/sc/security-groups", "/sc/orders", "/sc/products", "/sc/processes", "/sc/organizations", "/service-om/hosts", "/service-om/storage-pools", "/esight", "/oc/alarms"].includes(url)) {
          // A list with no rows yet (this journey run alone) has no detail to visit: do not wait for one.
          const href = await page.locator(`main a[href^="${url}/"]`).first().getAttribute("href", { timeout: 2000 }).catch(() => null);
          if (href && !href.endsWith("/create")) details.push(href);
        }
      }
      for (const url of details) {
        await page.goto(url);
        expect(RAW_KEY.exec(await page.locator("body").innerText())?.[0] ?? null, `${locale} ${url}`).toBeNull();
      }
      await ctx.close();
    }
  }
});

test("key pairs: generate (the private key shown once), import, and log in to a new ECS with one", async ({ page }) => {
  test.slow();
  const stamp = Date.now() % 100000;
  await signIn(page, "tenant");
  await page.goto("/sc/key-pairs");
  await page.getByRole("button", { name: "Create key pair" }).click();
  await page.getByRole("dialog").getByLabel("Name").fill(`e2e-gen-${stamp}`);
  await page.getByRole("dialog").getByRole("button", { name: "Generate" }).click();
  await expect(page.getByTestId("private-key")).toContainText("BEGIN RSA PRIVATE KEY");
  await page.getByRole("button", { name: "I have saved it" }).click();
  await expect(page.getByTestId(`keypair-e2e-gen-${stamp}`)).toContainText(/([0-9a-f]{2}:){15}[0-9a-f]{2}/);
  // An import: a malformed key is refused by reason; a real one gets Nova's MD5 fingerprint.
  await page.getByRole("button", { name: "Create key pair" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Name").fill(`e2e-imp-${stamp}`);
  await dialog.getByLabel("Public key (optional)").fill("ssh-rsa not-a-key");
  await dialog.getByRole("button", { name: "Import" }).click();
  await expect(dialog.getByRole("alert")).toContainText("not an OpenSSH public key");
  await dialog.getByLabel("Public key (optional)").fill("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl e2e@test");
  await dialog.getByRole("button", { name: "Import" }).click();
  await expect(page.getByTestId(`keypair-e2e-imp-${stamp}`)).toBeVisible();

  // The wizard's login step offers the key pairs; the ECS records which one it booted with.
  await page.goto("/sc/ecs/create");
  await page.getByRole("radio", { name: "s6.small.1", exact: true }).check();
  await page.getByRole("button", { name: "Next" }).click();
  await page.getByText("CentOS 7.9 64bit", { exact: true }).click();
  await page.getByLabel("ECS name").fill(`e2e-key-${stamp}`);
  await page.getByLabel("Key pair name").selectOption(`e2e-imp-${stamp}`);
  await page.getByRole("button", { name: "Next" }).click();
  await expect(page.getByTestId("summary-login")).toContainText(`e2e-imp-${stamp}`);
  await page.getByRole("button", { name: "Create now" }).click();
  await expect(page).toHaveURL(/\/sc\/ecs\?created=/);
  await page.getByTestId(`instance-row-e2e-key-${stamp}`).getByRole("link", { name: `e2e-key-${stamp}` }).click();
  await expect(page.getByTestId("login-method")).toHaveText(`Key pair e2e-imp-${stamp}`);

  // A password that breaks the rule is refused in the wizard, before anything is sent.
  await page.goto("/sc/ecs/create");
  await page.getByRole("radio", { name: "s6.small.1", exact: true }).check();
  await page.getByRole("button", { name: "Next" }).click();
  await page.getByText("CentOS 7.9 64bit", { exact: true }).click();
  await page.getByTestId("login-step").getByText("Password", { exact: true }).click();
  await page.getByLabel("Administrator password").fill("root12345");
  await page.getByLabel("Confirm the password").fill("root12345");
  await page.getByRole("button", { name: "Next" }).click();
  await expect(page.getByTestId("login-step")).toContainText(/three of|root or Administrator/);
});
