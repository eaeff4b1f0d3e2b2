/**
 * The scheduler_api migration makes schedule names unique per group. Schedules made before it
 * could share a name across functions; the migration renames all but the oldest of each name
 * instead of failing. Checked on a database of its own, migrated up to the step before first.
 */
import { cpSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { applyMigrations } from "@/lib/db/migrate";
import { testDatabaseUrl } from "@/test/server";

const MIGRATIONS = path.resolve(import.meta.dirname, "../../prisma/migrations");
const STEP = "20261206070000_scheduler_api";
const database = `nimbus_mig_${process.pid}`;
const tmp = mkdtempSync(path.join(os.tmpdir(), "nimbus-mig-"));

function urlOf(name: string): string {
  const u = new URL(testDatabaseUrl());
  u.pathname = `/${name}`;
  return u.toString();
}

async function admin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: testDatabaseUrl() });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

afterAll(async () => {
  await admin((c) => c.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`));
  rmSync(tmp, { recursive: true, force: true });
});

describe("the scheduler_api migration", () => {
  it("renames schedules that share a name, keeping the oldest one's", async () => {
    await admin((c) => c.query(`CREATE DATABASE ${database}`));
    for (const d of readdirSync(MIGRATIONS, { withFileTypes: true }))
      if (d.isDirectory() && d.name < STEP)
        cpSync(path.join(MIGRATIONS, d.name), path.join(tmp, d.name), { recursive: true });
    const url = urlOf(database);
    await applyMigrations(url, tmp);
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    try {
      const [a, b] = ["0a000000-0000-4000-8000-000000000001", "0b000000-0000-4000-8000-000000000002"];
      const long = "n".repeat(64);
      await c.query(
        `INSERT INTO schedules (id, "functionId", name, expression, "startAt", "createdAt") VALUES
          ('1a000000-0000-4000-8000-000000000001', $1, 'nightly', 'rate(1 day)', now(), now() - interval '2 days'),
          ('2b000000-0000-4000-8000-000000000002', $2, 'nightly', 'rate(1 day)', now(), now() - interval '1 day'),
          ('3c000000-0000-4000-8000-000000000003', $1, $3, 'rate(1 day)', now(), now() - interval '2 days'),
          ('4d000000-0000-4000-8000-000000000004', $2, $3, 'rate(1 day)', now(), now()),
          ('5e000000-0000-4000-8000-000000000005', $1, 'alone', 'rate(1 day)', now(), now())`,
        [a, b, long],
      );
      await applyMigrations(url, MIGRATIONS);
      const { rows } = await c.query<{ id: string; name: string; groupName: string }>(
        `SELECT id, name, "groupName" FROM schedules ORDER BY id`,
      );
      expect(rows).toEqual([
        { id: "1a000000-0000-4000-8000-000000000001", name: "nightly", groupName: "default" },
        { id: "2b000000-0000-4000-8000-000000000002", name: "nightly-2b000000", groupName: "default" },
        { id: "3c000000-0000-4000-8000-000000000003", name: long, groupName: "default" },
        { id: "4d000000-0000-4000-8000-000000000004", name: `${"n".repeat(55)}-4d000000`, groupName: "default" },
        { id: "5e000000-0000-4000-8000-000000000005", name: "alone", groupName: "default" },
      ]);
    } finally {
      await c.end();
    }
  }, 60_000);
});
