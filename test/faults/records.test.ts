/**
 * Records that PostgreSQL cannot store as they are: text with U+0000 is cleaned, and nothing
 * blocks the rows of other functions or makes an accepted event run twice (the writer's own
 * isolation and spill are in record-writer.test.ts).
 */
import { describe, expect, it } from "vitest";
import { InvokeCommand, PutFunctionEventInvokeConfigCommand } from "@aws-sdk/client-lambda";
import { dec, deployFunction, testServer } from "@/test/server";

const t = testServer({ NIMBUS_ASYNC_RETRY_DELAYS_SECONDS: "1,1" });
const poll = { timeout: 30_000, interval: 200 };

const deploy = (source: string) => deployFunction(t.lambda, source, { prefix: "rec" });

describe("records PostgreSQL cannot store as they are", () => {
  it("a NUL in an error or a log line is cleaned, and other functions' records keep being stored", async () => {
    const bad = await deploy(
      `export const handler = async (e) => { console.log("x\\u0000y"); if (e.parse) JSON.parse("\\u0000"); throw new Error("a\\u0000b"); };`,
    );
    const good = await deploy(`export const handler = async () => { console.log("fine"); return 1; };`);
    const r1 = await t.lambda.send(new InvokeCommand({ FunctionName: bad, Payload: new TextEncoder().encode("{}") }));
    // The caller gets the error as the function threw it; only the stored copy is cleaned.
    expect(dec(r1.Payload)).toMatchObject({ errorType: "Error", errorMessage: "a\u0000b" });
    const r2 = await t.lambda.send(
      new InvokeCommand({ FunctionName: bad, Payload: new TextEncoder().encode('{"parse":true}') }),
    );
    expect(dec(r2.Payload).errorType).toBe("SyntaxError");
    const r3 = await t.lambda.send(new InvokeCommand({ FunctionName: good }));
    await t.srv.platform.writer.flush();
    const pool = t.srv.platform.db.pool;
    const rows = async (id: string) =>
      (await pool.query(`SELECT outcome, "errorMessage" FROM invocations WHERE "requestId" = $1`, [id])).rows;
    expect(await rows(r1.$metadata.requestId!)).toEqual([{ outcome: "Error", errorMessage: "a\uFFFDb" }]);
    expect(await rows(r2.$metadata.requestId!)).toEqual([expect.objectContaining({ outcome: "Error" })]);
    expect(await rows(r3.$metadata.requestId!)).toEqual([{ outcome: "Success", errorMessage: null }]);
    const lines = await pool.query(`SELECT message FROM log_lines WHERE "requestId" = $1`, [r1.$metadata.requestId]);
    expect(lines.rows.map((r) => r.message)).toContain("x\uFFFDy");
    expect(t.srv.platform.writer.pending).toBe(0);
    expect(t.srv.platform.writer.failing).toBe(false);
  });

  it("an Event whose error holds a NUL runs once, is recorded once and is dead-lettered cleanly", async () => {
    const name = await deploy(`export const handler = async () => { throw new Error("nul\\u0000here"); };`);
    await t.lambda.send(new PutFunctionEventInvokeConfigCommand({ FunctionName: name, MaximumRetryAttempts: 0 }));
    const r = await t.lambda.send(
      new InvokeCommand({ FunctionName: name, InvocationType: "Event", Payload: new TextEncoder().encode("{}") }),
    );
    const id = r.$metadata.requestId!;
    const pool = t.srv.platform.db.pool;
    const dl = async () =>
      (await pool.query(`SELECT "errorMessage", attempts FROM dead_letters WHERE "requestId" = $1`, [id])).rows;
    await expect.poll(dl, poll).toEqual([{ errorMessage: "nul\uFFFDhere", attempts: 1 }]);
    // The dead letter is written inside the job's handler; the job is marked completed after it returns.
    const job = async () => (await pool.query(`SELECT state, retry_count FROM pgboss.job WHERE id = $1`, [id])).rows[0];
    await expect.poll(job, poll).toMatchObject({ state: "completed", retry_count: 0 });
    await t.srv.platform.writer.flush();
    const runs = await pool.query(`SELECT attempt, outcome FROM invocations WHERE "requestId" = $1`, [id]);
    expect(runs.rows).toEqual([{ attempt: 1, outcome: "Error" }]);
  });
});
