import { defineConfig } from "@playwright/test";
import { chmodSync, mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { E2E_ROOT_ACCESS_KEY_ID, E2E_ROOT_SECRET_ACCESS_KEY } from "@/e2e/helpers";

// One fresh data folder per run (workers inherit the variable from the runner).
if (!process.env.NIMBUS_E2E_DATA_DIR) {
  process.env.NIMBUS_E2E_DATA_DIR = mkdtempSync(path.join(os.tmpdir(), "nimbus-e2e-"));
  chmodSync(process.env.NIMBUS_E2E_DATA_DIR, 0o755);
}
const port = Number(process.env.NIMBUS_E2E_PORT ?? 3100);
// The console needs a login: the specs sign in as admin with this (e2e/helpers.ts).
process.env.NIMBUS_E2E_ADMIN_PASSWORD ??= "e2e-admin-password";

export default defineConfig({
  testDir: "e2e",
  outputDir: "test-results",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [["list"]], // scripts/test.mjs adds a JSON report for the summary line
  timeout: 60_000,
  use: {
    baseURL: `http://localhost:${port}`,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-quic",
      ],
    },
  },
  webServer: {
    // node directly (not npm): Playwright must be able to stop it with a signal.
    command: "node scripts/start.mjs",
    url: `http://localhost:${port}/api/health`,
    timeout: 180_000,
    reuseExistingServer: process.env.NIMBUS_E2E_REUSE === "1",
    env: {
      PORT: String(port),
      NIMBUS_DATA_DIR: process.env.NIMBUS_E2E_DATA_DIR,
      DATABASE_URL: process.env.E2E_DATABASE_URL ?? "",
      NIMBUS_ADMIN_PASSWORD: process.env.NIMBUS_E2E_ADMIN_PASSWORD,
      // Specs sign Lambda API calls with this key (e2e/helpers.ts).
      NIMBUS_ROOT_ACCESS_KEY_ID: E2E_ROOT_ACCESS_KEY_ID,
      NIMBUS_ROOT_SECRET_ACCESS_KEY: E2E_ROOT_SECRET_ACCESS_KEY,
      // Rollouts are checked every second, so a spec sees a rollback without waiting long.
      NIMBUS_ROLLOUT_CHECK_SECONDS: "1",
    },
    stdout: "pipe",
    stderr: "pipe",
  },
});
