/**
 * Once per test run: build the sandbox bundle the executor spawns (the same files
 * `npm start` uses) and provide a real PostgreSQL — DATABASE_URL when given, else an
 * embedded one under a temporary folder — with the migrations applied.
 */
import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { startEmbeddedPostgres, type EmbeddedPostgres } from "@/lib/db/embedded";
import { applyMigrations } from "@/lib/db/migrate";

let pg: EmbeddedPostgres | null = null;
let dir: string | null = null;

export async function setup() {
  // @ts-expect-error plain ESM build script without types
  const { buildSandbox, buildServer } = await import("@/scripts/build-lib.mjs");
  await buildSandbox();
  await buildServer();
  let url = process.env.DATABASE_URL;
  if (!url) {
    dir = mkdtempSync(path.join(os.tmpdir(), "nimbus-test-"));
    chmodSync(dir, 0o755); // PostgreSQL runs as the postgres user when we are root
    pg = await startEmbeddedPostgres(dir, { database: "nimbus_test" });
    url = pg.url;
  }
  await applyMigrations(url, path.resolve(import.meta.dirname, "../prisma/migrations"));
  // Test workers are forked after this and inherit it.
  process.env.NIMBUS_TEST_DATABASE_URL = url;
}

export async function teardown() {
  await pg?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
}
