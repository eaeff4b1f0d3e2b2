/**
 * The console while the database is away: a banner says what is down and what still works, and
 * goes away by itself once the database is back. A server of its own, on a PostgreSQL this spec
 * stops and starts (the shared e2e server must keep its database).
 */
import { spawn, type ChildProcess } from "node:child_process";
import { chmodSync, mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { test as base } from "@playwright/test";
import { expect, shot } from "@/e2e/helpers";
import { freePort, startEmbeddedPostgres, type EmbeddedPostgres } from "@/lib/db/embedded";

const test = base.extend({});
test.use({ storageState: { cookies: [], origins: [] } });

const tmp = (prefix: string) => {
  const d = mkdtempSync(path.join(os.tmpdir(), prefix));
  chmodSync(d, 0o755);
  return d;
};

test("a banner says the database is down, and goes once it is back", async ({ page }) => {
  test.setTimeout(180_000);
  const pgDir = tmp("nimbus-e2e-pg-");
  const pgPort = await freePort();
  let db: EmbeddedPostgres = await startEmbeddedPostgres(pgDir, { port: pgPort, database: "down" });
  const env: Record<string, string | undefined> = {
    ...process.env,
    PORT: "0",
    HOST: "127.0.0.1",
    NIMBUS_DATA_DIR: tmp("nimbus-e2e-down-"),
    DATABASE_URL: db.url,
    NIMBUS_ADMIN_PASSWORD: "down-admin-pass",
    NIMBUS_PREWARM_SANDBOXES: "0",
  };
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
      server.once("exit", (code) => reject(new Error(`server exited ${code}: ${log}`)));
    });
    await page.goto(url + "/login");
    await page.getByLabel("Username").fill("admin");
    await page.getByLabel("Password").fill("down-admin-pass");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("heading", { name: "Functions" })).toBeVisible();
    // (Next's route announcer is an alert too: the banner is found by its text.)
    const banner = page.getByRole("alert").filter({ hasText: "Nimbus cannot reach its external database" });
    await expect(banner).toHaveCount(0);

    await db.stop();
    await expect(banner).toBeVisible({ timeout: 20_000 });
    await expect(banner).toContainText("warm functions keep answering");
    await shot(page, "database-down");

    db = await startEmbeddedPostgres(pgDir, { port: pgPort, database: "down" });
    await expect(banner).toHaveCount(0, { timeout: 20_000 });
    await page.reload();
    await expect(page.getByRole("heading", { name: "Functions" })).toBeVisible();
  } finally {
    server.kill("SIGKILL");
    await db.stop();
  }
});
