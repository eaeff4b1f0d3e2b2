import { test as base, expect, type Page } from "@playwright/test";
import { LambdaClient } from "@aws-sdk/client-lambda";

export const ADMIN = { username: "admin", password: process.env.NIMBUS_E2E_ADMIN_PASSWORD ?? "e2e-admin-password" };
export const baseUrl = `http://localhost:${process.env.NIMBUS_E2E_PORT ?? 3100}`;

/**
 * The console requires a session. Every test signs in afresh (one scrypt, ~100 ms) instead
 * of sharing a saved state: login.spec.ts signs out and changes the password, which ends
 * other sessions. Pages and the `request` fixture both get the cookie; `request` also sends
 * the CSRF header the API wants on mutations.
 */
export const test = base.extend<{
  session: { state: Awaited<ReturnType<import("@playwright/test").APIRequestContext["storageState"]>>; csrf: string };
}>({
  session: async ({ playwright }, use) => {
    const ctx = await playwright.request.newContext({ baseURL: baseUrl });
    const res = await ctx.post("/api/auth/login", { data: ADMIN });
    expect(res.status(), await res.text()).toBe(200);
    const { csrfToken } = (await res.json()) as { csrfToken: string };
    const state = await ctx.storageState();
    await ctx.dispose();
    await use({ state, csrf: csrfToken });
  },
  storageState: async ({ session }, use) => use(session.state),
  extraHTTPHeaders: async ({ session }, use) => use({ "x-nimbus-csrf": session.csrf }),
});
export { expect };

/** The root key the e2e server is started with (playwright.config.ts); specs sign Lambda API calls with it. */
export const E2E_ROOT_ACCESS_KEY_ID = "NIMBE2EROOTKEY000001";
export const E2E_ROOT_SECRET_ACCESS_KEY = "E2eRootSecretKey/ForNimbus+Specs00000000";

export function e2eLambda(baseURL: string | undefined): LambdaClient {
  return new LambdaClient({
    endpoint: baseURL,
    region: "us-east-1",
    credentials: { accessKeyId: E2E_ROOT_ACCESS_KEY_ID, secretAccessKey: E2E_ROOT_SECRET_ACCESS_KEY },
    maxAttempts: 1,
  });
}

/** Collects every request that leaves localhost (the console must work offline). */
export function watchOffHost(page: Page): string[] {
  const off: string[] = [];
  page.on("request", (r) => {
    const host = new URL(r.url()).hostname;
    if (host !== "localhost" && host !== "127.0.0.1") off.push(r.url());
  });
  return off;
}

/** The screenshots docs/ shows (docs/console.md). */
const DOC_SHOTS = new Set([
  "login",
  "setup",
  "functions-list",
  "create-function",
  "function-code-editor",
  "function-test",
  "function-logs",
  "function-monitor",
  "function-configuration",
  "function-schedules",
  "function-url",
  "function-url-tester",
  "function-versions",
  "function-triggers",
  "queues-list",
  "queue-detail",
  "queue-dead-letters",
  "state-machine-editor",
  "execution-graph",
  "database-down",
  "first-run-functions",
  "first-run-test",
  "first-run-logs",
  "trace-waterfall",
  "traces-list",
]);

/**
 * A full-page screenshot, for a person to look at: every run writes them to
 * test-results/screenshots/ (not in git). The few docs/ shows are written to docs/screenshots/
 * only with NIMBUS_DOC_SCREENSHOTS=1, so they change when someone means them to, not on every run.
 */
export const shot = async (page: Page, name: string) => {
  await page.screenshot({ path: `test-results/screenshots/${name}.png`, fullPage: true });
  if (process.env.NIMBUS_DOC_SCREENSHOTS === "1" && DOC_SHOTS.has(name))
    await page.screenshot({ path: `docs/screenshots/${name}.png`, fullPage: true });
};

/** A card of the console, found by its heading. */
export const card = (page: Page, heading: string | RegExp, exact = false) =>
  page.locator("section").filter({ has: page.getByRole("heading", { name: heading, exact }) });

/** Toasts fade after a few seconds; a screenshot waits for them so they cover nothing. */
export const toastsGone = (page: Page) =>
  expect(page.locator("div.fixed[role=status] > div")).toHaveCount(0, { timeout: 10_000 });

/**
 * Resizes to `width` and checks the page does not scroll sideways. A chart follows a resize a
 * frame or two later (ResizeObserver), so the width is asked until it fits.
 */
export async function fitsWidth(page: Page, width: number): Promise<void> {
  await page.setViewportSize({ width, height: 900 });
  await expect
    .poll(() => page.evaluate(() => document.documentElement.scrollWidth), { timeout: 5_000 })
    .toBeLessThanOrEqual(width);
}
