/**
 * Records that PostgreSQL cannot store as they are: text with U+0000 is cleaned, a row refused
 * anyway is isolated and quarantined, and nothing blocks the rows of other functions or makes
 * an accepted event run twice.
 */
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { randomUUID } from "node:crypto";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { CreateFunctionCommand, InvokeCommand, PutFunctionEventInvokeConfigCommand } from "@aws-sdk/client-lambda";
import { testDatabaseUrl, uniqueName, useServer, zipOf } from "../server";
import { RecordWriter, type InvocationRecord } from "../../lib/logs/writer";
import { RecordSpill } from "../../lib/logs/spill";
import { freePort } from "../../lib/db/embedded";

const t = useServer({ NIMBUS_ASYNC_RETRY_DELAYS_SECONDS: "1,1" });
const dec = (b?: Uint8Array) => JSON.parse(new TextDecoder().decode(b));
const poll = { timeout: 30_000, interval: 200 };

async function deploy(source: string): Promise<string> {
  const name = uniqueName("rec");
  await t.lambda.send(new CreateFunctionCommand({ FunctionName: name, Role: "r", Runtime: "nodejs20.x", Handler: "index.handler", Code: { ZipFile: zipOf(source) } }));
  return name;
}

function record(over: Partial<InvocationRecord> = {}): InvocationRecord {
  return {
    requestId: randomUUID(), attempt: 1, functionId: randomUUID(), functionName: "writer-test", version: "$LATEST", trigger: "api",
    startedAt: Date.now(), durationMs: 1, billedDurationMs: 1, initDurationMs: null, memorySizeMb: 128, maxMemoryUsedMb: 1,
    outcome: "Success", errorType: null, errorMessage: null, requestBytes: 2, responseBytes: 2, logBytes: 0, logTruncated: false, ...over,
  };
}

describe("records PostgreSQL cannot store as they are", () => {
  it("a NUL in an error or a log line is cleaned, and other functions' records keep being stored", async () => {
    const bad = await deploy(`export const handler = async (e) => { console.log("x\\u0000y"); if (e.parse) JSON.parse("\\u0000"); throw new Error("a\\u0000b"); };`);
    const good = await deploy(`export const handler = async () => { console.log("fine"); return 1; };`);
    const r1 = await t.lambda.send(new InvokeCommand({ FunctionName: bad, Payload: new TextEncoder().encode("{}") }));
    // The caller gets the error as the function threw it; only the stored copy is cleaned.
    expect(dec(r1.Payload)).toMatchObject({ errorType: "Error", errorMessage: "a\u0000b" });
    const r2 = await t.lambda.send(new InvokeCommand({ FunctionName: bad, Payload: new TextEncoder().encode('{"parse":true}') }));
    expect(dec(r2.Payload).errorType).toBe("SyntaxError");
    const r3 = await t.lambda.send(new InvokeCommand({ FunctionName: good }));
    await t.srv.runtime.writer.flush();
    const pool = t.srv.runtime.db.pool;
    const rows = async (id: string) => (await pool.query(`SELECT outcome, "errorMessage" FROM invocations WHERE "requestId" = $1`, [id])).rows;
    expect(await rows(r1.$metadata.requestId!)).toEqual([{ outcome: "Error", errorMessage: "a\uFFFDb" }]);
    expect(await rows(r2.$metadata.requestId!)).toEqual([expect.objectContaining({ outcome: "Error" })]);
    expect(await rows(r3.$metadata.requestId!)).toEqual([{ outcome: "Success", errorMessage: null }]);
    const lines = await pool.query(`SELECT message FROM log_lines WHERE "requestId" = $1`, [r1.$metadata.requestId]);
    expect(lines.rows.map((r) => r.message)).toContain("x\uFFFDy");
    expect(t.srv.runtime.writer.pending).toBe(0);
    expect(t.srv.runtime.writer.failing).toBe(false);
  });

  it("an Event whose error holds a NUL runs once, is recorded once and is dead-lettered cleanly", async () => {
    const name = await deploy(`export const handler = async () => { throw new Error("nul\\u0000here"); };`);
    await t.lambda.send(new PutFunctionEventInvokeConfigCommand({ FunctionName: name, MaximumRetryAttempts: 0 }));
    const r = await t.lambda.send(new InvokeCommand({ FunctionName: name, InvocationType: "Event", Payload: new TextEncoder().encode("{}") }));
    const id = r.$metadata.requestId!;
    const pool = t.srv.runtime.db.pool;
    const dl = async () => (await pool.query(`SELECT "errorMessage", attempts FROM dead_letters WHERE "requestId" = $1`, [id])).rows;
    await expect.poll(dl, poll).toEqual([{ errorMessage: "nul\uFFFDhere", attempts: 1 }]);
    const job = await pool.query(`SELECT state, retry_count FROM pgboss.job WHERE id = $1`, [id]);
    expect(job.rows[0]).toMatchObject({ state: "completed", retry_count: 0 });
    await t.srv.runtime.writer.flush();
    const runs = await pool.query(`SELECT attempt, outcome FROM invocations WHERE "requestId" = $1`, [id]);
    expect(runs.rows).toEqual([{ attempt: 1, outcome: "Error" }]);
  });

  it("a row PostgreSQL refuses is quarantined on disk and every other row of its batch is written", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "nimbus-spill-"));
    const pool = new pg.Pool({ connectionString: testDatabaseUrl(), max: 2 });
    const logs: string[] = [];
    const spill = new RecordSpill(dir);
    const writer = new RecordWriter(pool, { flushMs: 10_000, log: (m) => logs.push(m), spill });
    try {
      const good = Array.from({ length: 20 }, () => record());
      const refused = record({ logBytes: 2 ** 40 }); // out of range for its int column
      for (const r of [...good.slice(0, 7), refused, ...good.slice(7)]) writer.push(r, [{ ts: Date.now(), level: "INFO", message: "line" }]);
      await writer.flush();
      const stored = await pool.query(`SELECT count(*)::int AS n FROM invocations WHERE "requestId" = ANY($1::uuid[])`, [good.map((g) => g.requestId)]);
      expect(stored.rows[0].n).toBe(20);
      expect((await pool.query(`SELECT count(*)::int AS n FROM log_lines WHERE "requestId" = ANY($1::uuid[])`, [[...good, refused].map((g) => g.requestId)])).rows[0].n).toBe(21);
      expect(writer.quarantined).toBe(1);
      expect(writer.pending).toBe(0);
      const kept = readFileSync(spill.quarantinePath, "utf8").trim().split("\n").map((l) => JSON.parse(l));
      expect(kept).toEqual([expect.objectContaining({ kind: "invocation", row: expect.objectContaining({ requestId: refused.requestId }) })]);
      expect(logs.filter((l) => l.includes(refused.requestId))).toHaveLength(1);
    } finally {
      await writer.close();
      await pool.end();
    }
  });

  it("rows the database cannot take at shutdown are saved to disk and written at the next start", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "nimbus-spill-"));
    const deadPool = new pg.Pool({ connectionString: `postgresql://postgres:x@127.0.0.1:${await freePort()}/none`, max: 1, connectionTimeoutMillis: 2000 });
    deadPool.on("error", () => {});
    const logs: string[] = [];
    const down = new RecordWriter(deadPool, { flushMs: 10_000, log: (m) => logs.push(m), spill: new RecordSpill(dir) });
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
    const up = new RecordWriter(pool, { flushMs: 10, log: (m) => logs.push(m), spill: new RecordSpill(dir) });
    try {
      up.start();
      const count = async () => (await pool.query(`SELECT count(*)::int AS n FROM invocations WHERE "requestId" = ANY($1::uuid[])`, [recs.map((r) => r.requestId)])).rows[0].n;
      await expect.poll(count, poll).toBe(3);
      await expect.poll(async () => (await pool.query(`SELECT count(*)::int AS n FROM log_lines WHERE "requestId" = ANY($1::uuid[])`, [recs.map((r) => r.requestId)])).rows[0].n, poll).toBe(3);
      expect(new RecordSpill(dir).hasPending()).toBe(false);
    } finally {
      await up.close();
      await pool.end();
    }
  });
});
