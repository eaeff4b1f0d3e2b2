import { spawn, type ChildProcess } from "node:child_process";
import { chmodSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { test as base, request } from "@playwright/test";
import { ADMIN, baseUrl, expect, shot, toastsGone, watchOffHost } from "@/e2e/helpers";

// These tests start signed out.
const test = base.extend({});
test.use({ storageState: { cookies: [], origins: [] } });

test("anonymous visits go to /login; a wrong password shows an error; the right one lands where you were going", async ({
  page,
}) => {
  const offHost = watchOffHost(page);
  await page.goto("/functions/new");
  await expect(page).toHaveURL(/\/login\?next=%2Ffunctions%2Fnew$/);
  await expect(page.getByRole("heading", { name: "Sign in to Nimbus" })).toBeVisible();
  // Signed out, the header offers no sections (they would only bounce back here).
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Audit log" })).toHaveCount(0);
  await shot(page, "login");

  await page.getByLabel("Username").fill(ADMIN.username);
  await page.getByLabel("Password").fill("not-the-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByText("Incorrect username or password")).toBeVisible();
  await expect(page.getByLabel("Password")).toHaveValue("");
  await shot(page, "login-error");

  await page.getByLabel("Password").fill(ADMIN.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/functions\/new$/);
  await expect(page.getByRole("heading", { name: "Create function" })).toBeVisible();
  await page.goto("/");
  await expect(page.getByRole("heading", { name: "Functions" })).toBeVisible();
  await expect(page.getByRole("button", { name: /admin/ })).toBeVisible();
  expect(offHost).toEqual([]);
});

test("sign out returns to /login and the API then answers 401", async ({ page }) => {
  await signIn(page);
  await expect(page.getByRole("heading", { name: "Functions" })).toBeVisible();
  expect((await page.request.get("/api/functions")).status()).toBe(200);
  await page.getByRole("button", { name: /admin/ }).click();
  await shot(page, "user-menu");
  await page.getByRole("menuitem", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login$/);
  const res = await page.request.get("/api/functions");
  expect(res.status()).toBe(401);
  expect(await res.json()).toMatchObject({ error: { code: "UnauthorizedException" } });
  await page.goto("/");
  await expect(page).toHaveURL(/\/login$/);
});

test("a session that ends while the console is open sends you to sign in, and back", async ({ page }) => {
  await signIn(page);
  await expect(page.getByRole("heading", { name: "Functions" })).toBeVisible();
  // Ended elsewhere (another tab, a password reset): the next API call answers 401.
  // The page's state is in its URL before the session ends, so whichever call meets the 401 first
  // (the list refetching for the new search, or any background poll), the way back keeps it.
  await page.getByLabel("Search functions by name").fill("zzz");
  await expect(page).toHaveURL(/\/\?search=zzz$/);
  const { csrfToken } = await (await page.request.get("/api/auth/session")).json();
  expect((await page.request.post("/api/auth/logout", { headers: { "x-nimbus-csrf": csrfToken } })).status()).toBe(204);
  await page.getByLabel("Search functions by name").fill("zzzz");
  await expect(page).toHaveURL(/\/login\?next=%2F%3Fsearch%3Dzzzz?$/);
  const back = decodeURIComponent(new URL(page.url()).searchParams.get("next") ?? "");
  await page.getByLabel("Username").fill(ADMIN.username);
  await page.getByLabel("Password").fill(ADMIN.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(new RegExp(`${back.replace(/[?]/g, "\\?")}$`));
  await expect(page.getByLabel("Search functions by name")).toHaveValue(back.slice("/?search=".length));
});

test("change password: the current one is checked, other sessions end, the new one signs in", async ({
  page,
  browser,
}) => {
  const newPassword = "changed-e2e-password";
  await signIn(page);
  const other = await browser.newContext({ baseURL: baseUrl });
  const otherPage = await other.newPage();
  await signIn(otherPage);
  try {
    await page.getByRole("button", { name: /admin/ }).click();
    await page.getByRole("menuitem", { name: "Change password" }).click();
    await expect(page.getByRole("heading", { name: "Change password" })).toBeVisible();
    await page.getByLabel("Current password").fill("wrong-current");
    await page.getByLabel("New password", { exact: true }).fill(newPassword);
    await page.getByLabel("Confirm new password").fill(newPassword);
    await page.getByRole("button", { name: "Change password" }).click();
    await expect(page.getByText("The current password is not correct")).toBeVisible();
    await page.getByLabel("Current password").fill(ADMIN.password);
    await page.getByRole("button", { name: "Change password" }).click();
    await expect(page.getByText("Password changed. Your other sessions were signed out.")).toBeVisible();
    await shot(page, "change-password");

    // The session that changed it goes on; the other one is over.
    expect((await page.request.get("/api/functions")).status()).toBe(200);
    expect((await otherPage.request.get("/api/functions")).status()).toBe(401);
    expect((await page.request.post("/api/auth/login", { data: ADMIN })).status()).toBe(401);
    expect((await page.request.post("/api/auth/login", { data: { ...ADMIN, password: newPassword } })).status()).toBe(
      200,
    );
  } finally {
    // Put the password back for the specs that follow (they sign in with ADMIN).
    const api = await request.newContext({ baseURL: baseUrl });
    const login = await api.post("/api/auth/login", { data: { ...ADMIN, password: newPassword } });
    if (login.ok()) {
      const { csrfToken } = await login.json();
      await api.post("/api/auth/password", {
        data: { currentPassword: newPassword, newPassword: ADMIN.password },
        headers: { "x-nimbus-csrf": csrfToken },
      });
    }
    await api.dispose();
    await other.close();
  }
});

test("first run: /setup needs the code from the data folder, then signs the new admin in", async ({ page }) => {
  test.setTimeout(180_000);
  // A second server with its own empty embedded database and no NIMBUS_ADMIN_PASSWORD.
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "nimbus-e2e-setup-"));
  chmodSync(dataDir, 0o755);
  const env: Record<string, string | undefined> = {
    ...process.env,
    PORT: "0",
    HOST: "127.0.0.1",
    NIMBUS_DATA_DIR: dataDir,
    NIMBUS_PREWARM_SANDBOXES: "0",
  };
  delete env.DATABASE_URL;
  delete env.NIMBUS_ADMIN_PASSWORD;
  const server: ChildProcess = spawn(process.execPath, [path.resolve(".nimbus/server.mjs")], {
    env: env as NodeJS.ProcessEnv,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let log = "";
  server.stderr!.on("data", (c) => (log += c));
  try {
    const url = await new Promise<string>((resolve, reject) => {
      server.stdout!.on("data", (c) => {
        log += c;
        const m = /ready on (http:\/\/localhost:\d+)/.exec(log);
        if (m) resolve(m[1]!);
      });
      server.once("exit", (code) => reject(new Error(`setup server exited ${code}: ${log}`)));
    });
    const code = readFileSync(path.join(dataDir, "setup-code"), "utf8").trim();
    expect(log).toContain(`enter the code ${code}`);
    // The address the server printed opens the setup page as printed.
    const printed = /Open (http:\/\/\S+\/setup) and enter the code/.exec(log)?.[1];
    expect(printed, log).toBeDefined();
    const opened = await page.request.get(printed!);
    expect(opened.status()).toBe(200);
    expect(await opened.text()).toContain("Set up Nimbus");

    await page.goto(url + "/functions/new");
    await expect(page).toHaveURL(/\/setup$/);
    await expect(page.getByRole("heading", { name: "Set up Nimbus" })).toBeVisible();
    await shot(page, "setup");
    await page.getByLabel("Setup code").fill("AAAA-BBBB-CCCC");
    await page.getByLabel("Password", { exact: true }).fill("first-admin-pass");
    await page.getByLabel("Confirm password").fill("first-admin-pass");
    await page.getByRole("button", { name: "Create user and sign in" }).click();
    await expect(page.getByText(/The setup code is not correct/)).toBeVisible();
    await page.getByLabel("Setup code").fill(code);
    await page.getByRole("button", { name: "Create user and sign in" }).click();
    await expect(page.getByRole("heading", { name: "Functions" })).toBeVisible();
    await expect(page.getByRole("button", { name: /admin/ })).toBeVisible();

    // A newcomer's first minutes: the empty list offers the templates and the terminal command for
    // this address; a template goes to the create form with it chosen; then test, then logs.
    await expect(page.getByRole("heading", { name: "Create your first function" })).toBeVisible();
    await expect(page.getByLabel("Terminal commands")).toContainText(`--endpoint-url ${url}`);
    await toastsGone(page);
    await shot(page, "first-run-functions");
    await page.getByRole("link", { name: /HTTP endpoint/ }).click();
    await expect(page).toHaveURL(/\/functions\/new\?template=http$/);
    await expect(page.getByRole("radio", { name: /HTTP endpoint/ })).toBeChecked();
    await page.getByLabel("Function name").fill("my-first-endpoint");
    await page.getByRole("button", { name: "Create function" }).click();
    await expect(page).toHaveURL(/\/functions\/my-first-endpoint\?tab=code/);
    await page.getByRole("tab", { name: "Test" }).click();
    await page.getByRole("button", { name: "Test", exact: true }).click();
    const result = page.getByTestId("test-result");
    await expect(result.getByText("Succeeded")).toBeVisible({ timeout: 30_000 });
    await toastsGone(page);
    await shot(page, "first-run-test");
    await page.getByRole("tab", { name: "Logs" }).click();
    await expect(page.locator("tbody tr").filter({ hasText: "Succeeded" }).first()).toBeVisible();
    await shot(page, "first-run-logs");
    // Setup is over: the page now sends you to the functions list, and the API refuses.
    await page.goto(url + "/setup");
    await expect(page).toHaveURL(url + "/");
    const again = await page.request.post(url + "/api/auth/setup", {
      data: { password: "stranger-pass", setupCode: code },
    });
    expect(again.status()).toBe(409);
  } finally {
    server.kill("SIGTERM");
    await new Promise((r) => (server.exitCode !== null ? r(null) : server.once("exit", r)));
    rmSync(dataDir, { recursive: true, force: true });
  }
});

async function signIn(page: import("@playwright/test").Page) {
  await page.goto("/login");
  await page.getByLabel("Username").fill(ADMIN.username);
  await page.getByLabel("Password").fill(ADMIN.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/$/);
}
