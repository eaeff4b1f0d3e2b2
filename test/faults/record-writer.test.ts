/**
 * The record writer against a real PostgreSQL: a row refused for its content is isolated and
 * quarantined; rows the database cannot take at shutdown are saved to disk and written later.
 */
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { randomUUID } from "node:crypto";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { testDatabaseUrl } from "@/test/server";
import { RecordWriter, type InvocationRecord } from "@/lib/logs/writer";
import { RecordSpill } from "@/lib/logs/spill";
import { freePort } from "@/lib/db/embedded";
import { createLogger } from "@/lib/log";

const poll = { timeout: 30_000, interval: 200 };

function record(over: Partial<InvocationRecord> = {}): InvocationRecord {
  return {
    requestId: randomUUID(),
    attempt: 1,
    functionId: randomUUID(),
    functionName: "writer-test",
    version: "$LATEST",
    trigger: "api",
    startedAt: Date.now(),
    durationMs: 1,
    billedDurationMs: 1,
    initDurationMs: null,
    memorySizeMb: 128,
    maxMemoryUsedMb: 1,
    outcome: "Success",
    errorType: null,
    errorMessage: null,
    requestBytes: 2,
    responseBytes: 2,
    logBytes: 0,
    logTruncated: false,
    ...over,
  };
}

describe("the record writer", () => {
  it("a row PostgreSQL refuses is quarantined on disk and every other row of its batch is written", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "nimbus-spill-"));
    const pool = new pg.Pool({ connectionString: testDatabaseUrl(), max: 2 });
    const logs: string[] = [];
    const spill = new RecordSpill(dir);
    const writer = new RecordWriter(pool, {
      flushMs: 10_000,
      log: createLogger("records", (l) => logs.push(l)),
      spill,
    });
    try {
      const good = Array.from({ length: 20 }, () => record());
      const refused = record({ logBytes: 2 ** 40 }); // out of range for its int column
      for (const r of [...good.slice(0, 7), refused, ...good.slice(7)])
        writer.push(r, [{ ts: Date.now(), level: "INFO", message: "line" }]);
      await writer.flush();
      const stored = await pool.query(
        `SELECT count(*)::int AS n FROM invocations WHERE "requestId" = ANY($1::uuid[])`,
        [good.map((g) => g.requestId)],
      );
      expect(stored.rows[0].n).toBe(20);
      expect(
        (
          await pool.query(`SELECT count(*)::int AS n FROM log_lines WHERE "requestId" = ANY($1::uuid[])`, [
            [...good, refused].map((g) => g.requestId),
          ])
        ).rows[0].n,
      ).toBe(21);
      expect(writer.quarantined).toBe(1);
      expect(writer.pending).toBe(0);
      const kept = readFileSync(spill.quarantinePath, "utf8")
        .trim()
        .split("\n")
        .map((l) => JSON.parse(l));
      expect(kept).toEqual([
        expect.objectContaining({ kind: "invocation", row: expect.objectContaining({ requestId: refused.requestId }) }),
      ]);
      expect(logs.filter((l) => l.includes(refused.requestId))).toHaveLength(1);
    } finally {
      await writer.close();
      await pool.end();
    }
  });

  it("rows the database cannot take at shutdown are saved to disk and written at the next start", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "nimbus-spill-"));
    const deadPool = new pg.Pool({
      connectionString: `postgresql://postgres:x@127.0.0.1:${await freePort()}/none`,
      max: 1,
      connectionTimeoutMillis: 2000,
    });
    deadPool.on("error", () => {});
    const logs: string[] = [];
    const down = new RecordWriter(deadPool, {
      flushMs: 10_000,
      log: createLogger("records", (l) => logs.push(l)),
      spill: new RecordSpill(dir),
    });
    const recs = Array.from({ length: 3 }, () => record());
    for (const r of recs) down.push(r, [{ ts: Date.now(), level: "INFO", message: `saved ${r.requestId}` }]);
    await expect(down.flush()).rejects.toThrow();
    expect(down.failing).toBe(true);
    const report = await down.close();
    await deadPool.end();
    expect(report).toMatchObject({ spilled: 6, lost: 0 });
    expect(report.error).toMatch(/ECONNREFUSED|connect/);
    expect(existsSync(report.spillFile!)).toBe(true);

    const pool = new pg.Pool({ connectionString: testDatabaseUrl(), max: 2 });
    const up = new RecordWriter(pool, {
      flushMs: 10,
      log: createLogger("records", (l) => logs.push(l)),
      spill: new RecordSpill(dir),
    });
    try {
      up.start();
      const count = async () =>
        (
          await pool.query(`SELECT count(*)::int AS n FROM invocations WHERE "requestId" = ANY($1::uuid[])`, [
            recs.map((r) => r.requestId),
          ])
        ).rows[0].n;
      await expect.poll(count, poll).toBe(3);
      await expect
        .poll(
          async () =>
            (
              await pool.query(`SELECT count(*)::int AS n FROM log_lines WHERE "requestId" = ANY($1::uuid[])`, [
                recs.map((r) => r.requestId),
              ])
            ).rows[0].n,
          poll,
        )
        .toBe(3);
      expect(new RecordSpill(dir).hasPending()).toBe(false);
    } finally {
      await up.close();
      await pool.end();
    }
  });

  it("batches under load: rows pushed during a flush wait for the next one, not an INSERT each", async () => {
    const pool = new pg.Pool({ connectionString: testDatabaseUrl(), max: 2 });
    // The real pool, with its INSERTs into invocations counted.
    let inserts = 0;
    const query = pool.query.bind(pool) as (...a: unknown[]) => Promise<unknown>;
    (pool as unknown as { query: (...a: unknown[]) => Promise<unknown> }).query = (...a: unknown[]) => {
      if (typeof a[0] === "string" && a[0].startsWith("INSERT INTO invocations")) inserts++;
      return query(...a);
    };
    const writer = new RecordWriter(pool, { flushMs: 100, log: createLogger("records", () => {}) });
    try {
      const recs = Array.from({ length: 1000 }, () => record());
      const started = Date.now();
      for (const r of recs) {
        writer.push(r, []);
        await new Promise((resolve) => setTimeout(resolve, 1));
      }
      const ticks = Math.ceil((Date.now() - started) / 100);
      await writer.flush();
      const stored = await pool.query(
        `SELECT count(*)::int AS n FROM invocations WHERE "requestId" = ANY($1::uuid[])`,
        [recs.map((r) => r.requestId)],
      );
      expect(stored.rows[0].n).toBe(1000);
      // About one INSERT per 100 ms tick (plus the final flush); a trickle would be hundreds.
      expect(inserts).toBeLessThanOrEqual(ticks + 3);
    } finally {
      await writer.close();
      await pool.end();
    }
  });
});
