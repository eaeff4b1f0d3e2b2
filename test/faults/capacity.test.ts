/**
 * Bounds on records beyond their age: a size cap and a disk guard delete the oldest records,
 * keep the newest, and say what they did. Against a PostgreSQL of its own, so that pruning
 * cannot touch other tests' records.
 */
import { chmodSync, mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { randomUUID } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmbeddedPostgres, type EmbeddedPostgres } from "@/lib/db/embedded";
import { applyMigrations } from "@/lib/db/migrate";
import { estimateRecordsBytes, RecordsCapacityGuard } from "@/lib/logs/capacity";
import { pruneOldRecords } from "@/lib/logs/retention";
import { createLogger } from "@/lib/log";

let db: EmbeddedPostgres;
let pool: pg.Pool;
const fn = randomUUID();

beforeAll(async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), "nimbus-cap-"));
  chmodSync(dir, 0o755);
  db = await startEmbeddedPostgres(dir, { database: "cap" });
  await applyMigrations(db.url, path.resolve(import.meta.dirname, "../../prisma/migrations"));
  pool = new pg.Pool({ connectionString: db.url });
  // Stopping the database after pool.end() can still reach a closing client (57P01): not a test failure.
  pool.on("error", () => {});
}, 60_000);
afterAll(async () => {
  await pool?.end();
  await db?.stop();
});

/** n invocations, one second apart, the newest at `newestAt`, each with one 100-character log line. */
async function seed(n: number, newestAt: number) {
  await pool.query(
    `INSERT INTO invocations ("requestId", attempt, "functionId", "functionName", version, trigger, "startedAt", "durationMs", "billedDurationMs", "memorySizeMb", "maxMemoryUsedMb", outcome, "requestBytes", "responseBytes")
     SELECT gen_random_uuid(), 1, $1::uuid, 'cap', '$LATEST', 'api', to_timestamp($2 / 1000.0) - (g || ' seconds')::interval, 1, 1, 128, 1, 'Success', 2, 2 FROM generate_series(0, $3 - 1) g`,
    [fn, newestAt, n],
  );
  await pool.query(
    `INSERT INTO log_lines ("requestId", "functionId", ts, level, message) SELECT "requestId", "functionId", "startedAt", 'INFO', repeat('x', 100) FROM invocations WHERE "functionId" = $1`,
    [fn],
  );
  await pool.query(`ANALYZE invocations; ANALYZE log_lines`);
}
const count = async (table: string) => Number((await pool.query(`SELECT count(*) AS n FROM ${table}`)).rows[0].n);
const oldest = async () => (await pool.query(`SELECT min("startedAt") AS t FROM invocations`)).rows[0].t as Date;

describe("records capacity", () => {
  it("over NIMBUS_RECORDS_MAX_MB, the oldest go until the estimate is under the cap; the newest stay", async () => {
    const now = Date.now();
    await seed(20_000, now);
    const before = await estimateRecordsBytes(pool);
    expect(before.invocations).toBe(20_000);
    const capMb = Math.floor(before.bytes / 1048576 / 2);
    const logs: string[] = [];
    const guard = new RecordsCapacityGuard(pool, {
      maxMb: capMb,
      minFreeMb: 0,
      diskPath: null,
      log: createLogger("capacity", (l) => logs.push(l)),
    });
    await guard.check();
    expect(guard.state.lastPrune).toMatchObject({
      reason: expect.stringContaining(`over NIMBUS_RECORDS_MAX_MB=${capMb}`),
      rows: expect.any(Number),
    });
    expect(guard.state.estimatedMb).toBeLessThanOrEqual(capMb);
    const left = await count("invocations");
    expect(left).toBeLessThan(20_000);
    expect(left).toBeGreaterThan(5_000);
    expect(await count("log_lines")).toBe(left); // the lines of deleted invocations went with them
    // The newest are kept: the most recent second is still there; what is gone is the oldest.
    expect(
      (
        await pool.query(
          `SELECT count(*)::int AS n FROM invocations WHERE "startedAt" > to_timestamp($1 / 1000.0) - interval '10 seconds'`,
          [now],
        )
      ).rows[0].n,
    ).toBe(10);
    expect((await oldest()).getTime()).toBeGreaterThan(now - 20_000 * 1000 + 1000);
    expect(logs.join("\n")).toMatch(
      /\[capacity\] records take about \d+ MB, over NIMBUS_RECORDS_MAX_MB=\d+: deleted \d+ records and log lines from before/,
    );
    // Under the cap now: a second pass deletes nothing.
    const n = await count("invocations");
    await guard.check();
    expect(await count("invocations")).toBe(n);
  }, 120_000);

  it("with too little free disk, the oldest tenth goes, and again only while free space keeps shrinking", async () => {
    const n = await count("invocations");
    const logs: string[] = [];
    // Any real disk has less free space than this: the guard sees a disk that is "low".
    const guard = new RecordsCapacityGuard(pool, {
      maxMb: 0,
      minFreeMb: 1e9,
      diskPath: os.tmpdir(),
      log: createLogger("capacity", (l) => logs.push(l)),
    });
    await guard.check();
    expect(guard.state.diskLow).toBe(true);
    expect(guard.state.diskFreeMb).toBeGreaterThan(0);
    const after = await count("invocations");
    expect(after).toBeLessThan(n);
    expect(after).toBeGreaterThanOrEqual(Math.floor(n * 0.89));
    expect(logs.join("\n")).toContain("under NIMBUS_DISK_MIN_FREE_MB=1000000000");
    // DELETE does not give space back to the disk: without further shrinking, nothing more is deleted.
    await guard.check();
    expect(await count("invocations")).toBe(after);
  }, 120_000);
});

describe("age-based retention", () => {
  it("deletes old dead letters, connections, schedule fires (keeping each schedule's newest) and ended executions", async () => {
    const old = new Date(Date.now() - 40 * 86_400_000);
    const req = randomUUID();
    for (const ts of [old, new Date()])
      await pool.query(
        `INSERT INTO invocation_connections ("requestId", "functionId", ts, host, port, allowed) VALUES ($1, $2, $3, 'h', 80, true)`,
        [req, fn, ts],
      );
    const sched = randomUUID();
    const dl = randomUUID();
    await pool.query(
      `INSERT INTO dead_letters (id, "functionId", "functionName", "requestId", payload, condition, attempts, "createdAt") VALUES ($1, $2, 'cap', $3, '{}', 'RetriesExhausted', 3, $4)`,
      [dl, fn, randomUUID(), old],
    );
    for (const days of [40, 39, 38]) {
      const at = new Date(Date.now() - days * 86_400_000);
      await pool.query(
        `INSERT INTO schedule_fires ("scheduleId", slot, status, "firedAt") VALUES ($1, $2, 'fired', $2)`,
        [sched, at],
      );
    }
    // Workflow executions: one ended long ago (it goes, with its history), one old but still running (it stays).
    const machine = randomUUID();
    await pool.query(`INSERT INTO state_machines (id, name, definition, "revisionId") VALUES ($1, $2, '{}', $1)`, [
      machine,
      `cap-${machine.slice(0, 8)}`,
    ]);
    const [ended, running] = [randomUUID(), randomUUID()];
    for (const [id, status] of [
      [ended, "SUCCEEDED"],
      [running, "RUNNING"],
    ])
      await pool.query(
        `INSERT INTO workflow_executions (id, "stateMachineId", name, status, definition, input, snapshot, "traceId", "startedAt", "stoppedAt")
         VALUES ($1::uuid, $2, $1::text, $3::text, '{}', '{}', '{}', 't', $4, CASE WHEN $3::text = 'RUNNING' THEN NULL ELSE $4::timestamptz END)`,
        [id, machine, status, old],
      );
    await pool.query(
      `INSERT INTO workflow_events ("executionId", id, type, timestamp, details) VALUES ($1, 1, 'ExecutionStarted', $2, '{}')`,
      [ended, old],
    );
    await pruneOldRecords(pool, 30);
    const left = await pool.query(`SELECT id FROM workflow_executions WHERE "stateMachineId" = $1`, [machine]);
    expect(left.rows.map((r) => r.id)).toEqual([running]);
    expect(
      (await pool.query(`SELECT count(*)::int AS n FROM workflow_events WHERE "executionId" = $1`, [ended])).rows[0].n,
    ).toBe(0);
    expect((await pool.query(`SELECT count(*)::int AS n FROM dead_letters WHERE id = $1`, [dl])).rows[0].n).toBe(0);
    const conns = await pool.query(`SELECT ts FROM invocation_connections WHERE "requestId" = $1`, [req]);
    expect(conns.rows).toHaveLength(1); // the recent one stays
    expect((conns.rows[0].ts as Date).getTime()).toBeGreaterThan(Date.now() - 60_000);
    const fires = await pool.query(`SELECT slot FROM schedule_fires WHERE "scheduleId" = $1`, [sched]);
    expect(fires.rows).toHaveLength(1);
    expect((fires.rows[0].slot as Date).getTime()).toBeGreaterThan(Date.now() - 38.5 * 86_400_000);
  });
});
