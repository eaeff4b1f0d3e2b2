import { describe, expect, it } from "vitest";
import {
  CreateFunctionCommand,
  InvokeCommand,
  PutFunctionConcurrencyCommand,
  UpdateFunctionCodeCommand,
  UpdateFunctionConfigurationCommand,
} from "@aws-sdk/client-lambda";
import {
  dec,
  deployFunction,
  enc,
  lambdaClient,
  startTestServer,
  testServer,
  uniqueName,
  zipOf,
  type DeployOptions,
} from "@/test/server";
import { getInvocationLog } from "@/lib/logs/search";

const t = testServer();

const deploy = (source: string, opts: DeployOptions = {}) => deployFunction(t.lambda, source, opts);

describe("Invoke through the AWS SDK", () => {
  it("returns the result with the executed version, and the log tail on request", async () => {
    const name = await deploy(
      `export const handler = async (event, context) => { console.log("got", event.x); return { doubled: event.x * 2, rid: context.awsRequestId }; };`,
    );
    const r = await t.lambda.send(new InvokeCommand({ FunctionName: name, Payload: enc({ x: 21 }), LogType: "Tail" }));
    expect(r.StatusCode).toBe(200);
    expect(r.FunctionError).toBeUndefined();
    expect(r.ExecutedVersion).toBe("$LATEST");
    const body = dec(r.Payload);
    expect(body.doubled).toBe(42);
    const tail = Buffer.from(r.LogResult!, "base64").toString();
    expect(tail).toContain(`START RequestId: ${body.rid} Version: $LATEST`);
    expect(tail).toMatch(new RegExp(`\\t${body.rid}\\tINFO\\tgot 21`));
    expect(tail).toMatch(
      /REPORT RequestId: .*\tDuration: [\d.]+ ms\tBilled Duration: \d+ ms\tMemory Size: 128 MB\tMax Memory Used: \d+ MB\tInit Duration: [\d.]+ ms/,
    );
  });

  it("reports a handler error as 200 with X-Amz-Function-Error: Unhandled", async () => {
    const name = await deploy(
      `export const handler = async () => { const e = new Error("kaput"); e.name = "CustomError"; throw e; };`,
    );
    const r = await t.lambda.send(new InvokeCommand({ FunctionName: name }));
    expect(r.StatusCode).toBe(200);
    expect(r.FunctionError).toBe("Unhandled");
    expect(dec(r.Payload)).toMatchObject({ errorType: "CustomError", errorMessage: "kaput" });
  });

  it("times out an infinite loop with Sandbox.Timedout, then serves again", async () => {
    const name = await deploy(`export const handler = async (e) => { if (e.spin) while (true) {} return "fine"; };`, {
      timeout: 1,
    });
    const r = await t.lambda.send(new InvokeCommand({ FunctionName: name, Payload: enc({ spin: true }) }));
    expect(r.FunctionError).toBe("Unhandled");
    expect(dec(r.Payload)).toMatchObject({
      errorType: "Sandbox.Timedout",
      errorMessage: expect.stringContaining("Task timed out after 1.00 seconds"),
    });
    const ok = await t.lambda.send(new InvokeCommand({ FunctionName: name, Payload: enc({}) }));
    expect(dec(ok.Payload)).toBe("fine");
  });

  it("reports running out of memory as Runtime.OutOfMemory", async () => {
    const name = await deploy(
      `export const handler = async () => { const keep = []; for (;;) keep.push(new Array(1e5).fill(1.5)); };`,
      { timeout: 30, memory: 128 },
    );
    const r = await t.lambda.send(new InvokeCommand({ FunctionName: name }));
    expect(dec(r.Payload).errorType).toBe("Runtime.OutOfMemory");
  });

  it("fails a crashing handler with Runtime.ExitError and replaces the instance", async () => {
    const name = await deploy(
      `let n = 0; export const handler = async (e) => { n++; if (e.exit) process.exit(2); return n; };`,
    );
    expect(dec((await t.lambda.send(new InvokeCommand({ FunctionName: name, Payload: enc({}) }))).Payload)).toBe(1);
    const crash = await t.lambda.send(new InvokeCommand({ FunctionName: name, Payload: enc({ exit: true }) }));
    expect(dec(crash.Payload).errorType).toBe("Runtime.ExitError");
    // A fresh instance: module state starts over.
    expect(dec((await t.lambda.send(new InvokeCommand({ FunctionName: name, Payload: enc({}) }))).Payload)).toBe(1);
  });

  it("keeps module state in a warm instance", async () => {
    const name = await deploy(`let calls = 0; export const handler = async () => ++calls;`);
    const results = [];
    for (let i = 0; i < 5; i++)
      results.push(dec((await t.lambda.send(new InvokeCommand({ FunctionName: name }))).Payload));
    expect(results).toEqual([1, 2, 3, 4, 5]);
  });

  it("accepts Event invocations with 202 and runs them", async () => {
    const name = await deploy(`export const handler = async (e) => { console.log("async ran", e.n); return 1; };`);
    const r = await t.lambda.send(
      new InvokeCommand({ FunctionName: name, InvocationType: "Event", Payload: enc({ n: 7 }) }),
    );
    expect(r.StatusCode).toBe(202);
    const fnId = (await t.srv.platform.resolver.get(name))!.record.id;
    await expect
      .poll(
        async () => {
          await t.srv.platform.writer.flush();
          const rows = await t.srv.platform.db.pool.query(
            `SELECT trigger, outcome FROM invocations WHERE "functionId" = $1`,
            [fnId],
          );
          return rows.rows;
        },
        { timeout: 30_000 },
      )
      .toEqual([{ trigger: "async", outcome: "Success" }]);
  });

  it("answers DryRun with 204 without running anything", async () => {
    const name = await deploy(`export const handler = async () => { throw new Error("must not run"); };`);
    const r = await t.lambda.send(new InvokeCommand({ FunctionName: name, InvocationType: "DryRun" }));
    expect(r.StatusCode).toBe(204);
  });

  it("refuses payloads over 6 MB with 413 and invalid JSON with 400", async () => {
    const name = await deploy(`export const handler = async () => 1;`);
    await expect(
      t.lambda.send(new InvokeCommand({ FunctionName: name, Payload: enc("x".repeat(6 * 1024 * 1024 + 10)) })),
    ).rejects.toMatchObject({ name: "RequestTooLargeException", $metadata: { httpStatusCode: 413 } });
    await expect(
      t.lambda.send(new InvokeCommand({ FunctionName: name, Payload: new TextEncoder().encode("{oops") })),
    ).rejects.toMatchObject({ name: "InvalidRequestContentException", $metadata: { httpStatusCode: 400 } });
  });

  it("answers 404 for a function that does not exist", async () => {
    await expect(t.lambda.send(new InvokeCommand({ FunctionName: uniqueName("missing") }))).rejects.toMatchObject({
      name: "ResourceNotFoundException",
      $metadata: { httpStatusCode: 404 },
    });
  });

  it("throttles with 429 at reserved concurrency 0 and at the reservation", async () => {
    const name = await deploy(
      `export const handler = async () => { await new Promise((r) => setTimeout(r, 400)); return "done"; };`,
    );
    await t.lambda.send(new PutFunctionConcurrencyCommand({ FunctionName: name, ReservedConcurrentExecutions: 0 }));
    await expect(t.lambda.send(new InvokeCommand({ FunctionName: name }))).rejects.toMatchObject({
      name: "TooManyRequestsException",
      Reason: "ReservedFunctionConcurrentInvocationLimitExceeded",
      $metadata: { httpStatusCode: 429 },
    });
    await t.lambda.send(new PutFunctionConcurrencyCommand({ FunctionName: name, ReservedConcurrentExecutions: 2 }));
    const settled = await Promise.allSettled(
      Array.from({ length: 5 }, () => t.lambda.send(new InvokeCommand({ FunctionName: name }))),
    );
    const ok = settled.filter((s) => s.status === "fulfilled").length;
    const throttled = settled.filter(
      (s) => s.status === "rejected" && (s.reason as Error).name === "TooManyRequestsException",
    ).length;
    expect(ok).toBe(2);
    expect(throttled).toBe(3);
  });

  it("throttles at the account limit", async () => {
    // The database is shared with other tests: leave their reservations out of the unreserved pool.
    const reserved = Number(
      (await t.srv.platform.db.pool.query(`SELECT COALESCE(SUM("reservedConcurrency"), 0) AS n FROM functions`)).rows[0]
        .n,
    );
    const small = await startTestServer({
      NIMBUS_MAX_CONCURRENCY: String(reserved + 3),
      NIMBUS_MIN_UNRESERVED_CONCURRENCY: "1",
    });
    try {
      const client = lambdaClient(small.url);
      const name = uniqueName();
      await client.send(
        new CreateFunctionCommand({
          FunctionName: name,
          Role: "r",
          Runtime: "nodejs20.x",
          Handler: "index.handler",
          Code: {
            ZipFile: zipOf(
              `export const handler = async () => { await new Promise((r) => setTimeout(r, 400)); return 1; };`,
            ),
          },
        }),
      );
      const settled = await Promise.allSettled(
        Array.from({ length: 6 }, () => client.send(new InvokeCommand({ FunctionName: name }))),
      );
      expect(settled.filter((s) => s.status === "fulfilled").length).toBe(3);
      expect(
        settled.filter((s) => s.status === "rejected").map((s) => (s as PromiseRejectedResult).reason.Reason),
      ).toEqual(Array(3).fill("ConcurrentInvocationLimitExceeded"));
    } finally {
      await small.close();
    }
  });

  it("loses no request while code and configuration change under load", async () => {
    const name = await deploy(
      `export const handler = async () => { await new Promise((r) => setTimeout(r, 20)); return "v0"; };`,
    );
    let stop = false;
    const seen: string[] = [];
    const afterLastUpdate: string[] = [];
    let lastUpdateDone = false;
    const failures: unknown[] = [];
    const workers = Array.from({ length: 6 }, async () => {
      while (!stop) {
        try {
          const sentAfterUpdates = lastUpdateDone;
          const r = await t.lambda.send(new InvokeCommand({ FunctionName: name }));
          if (r.FunctionError) failures.push(dec(r.Payload));
          else {
            seen.push(dec(r.Payload));
            if (sentAfterUpdates) afterLastUpdate.push(dec(r.Payload));
          }
        } catch (err) {
          failures.push(err);
        }
      }
    });
    const ran = (v: number) => seen.filter((s) => s === `v${v}`).length;
    for (let v = 1; v <= 4; v++) {
      // The version before has answered a few calls (it had its cold start, however busy the machine).
      await expect.poll(() => ran(v - 1), { timeout: 20_000, interval: 20 }).toBeGreaterThanOrEqual(3);
      await t.lambda.send(
        new UpdateFunctionCodeCommand({
          FunctionName: name,
          ZipFile: zipOf(
            `export const handler = async () => { await new Promise((r) => setTimeout(r, 20)); return "v${v}"; };`,
          ),
        }),
      );
    }
    await t.lambda.send(new UpdateFunctionConfigurationCommand({ FunctionName: name, MemorySize: 256 }));
    lastUpdateDone = true;
    await expect.poll(() => afterLastUpdate.length, { timeout: 20_000, interval: 20 }).toBeGreaterThanOrEqual(3);
    stop = true;
    await Promise.all(workers);
    expect(failures).toEqual([]);
    expect(seen.length).toBeGreaterThan(20);
    // Requests sent after the last update was acknowledged all ran the newest code.
    expect(afterLastUpdate.length).toBeGreaterThan(0);
    expect(new Set(afterLastUpdate)).toEqual(new Set(["v4"]));
    // Versions only move forward for a single client after each update is acknowledged.
    expect(new Set(seen)).toEqual(new Set(["v0", "v1", "v2", "v3", "v4"]));
  });

  it("records every invocation with its log lines, off the invoke path", async () => {
    const name = await deploy(`export const handler = async () => { console.log("recorded line"); return 1; };`);
    const r = await t.lambda.send(new InvokeCommand({ FunctionName: name }));
    expect(r.StatusCode).toBe(200);
    const fnId = (await t.srv.platform.resolver.get(name))!.record.id;
    await t.srv.platform.writer.flush();
    const inv = await t.srv.platform.db.pool.query(`SELECT * FROM invocations WHERE "functionId" = $1`, [fnId]);
    expect(inv.rows).toHaveLength(1);
    const row = inv.rows[0];
    expect(row).toMatchObject({
      trigger: "api",
      outcome: "Success",
      version: "$LATEST",
      memorySizeMb: 128,
      requestBytes: 2,
      responseBytes: 1,
    });
    expect(row.billedDurationMs).toBe(Math.max(1, Math.ceil(row.durationMs)));
    expect(row.initDurationMs).toBeGreaterThan(0);
    const stored = await t.srv.platform.db.pool.query(
      `SELECT level, message FROM log_lines WHERE "requestId" = $1 ORDER BY id`,
      [row.requestId],
    );
    expect(stored.rows).toEqual([{ level: "INFO", message: "recorded line" }]);
    // START/END/REPORT are derived from the record when the log is read.
    const log = await getInvocationLog(t.srv.platform.db.pool, row.requestId);
    expect(log.map((l) => l.split("\t")[0]!.split(" ")[0])).toEqual([
      "START",
      expect.stringMatching(/^\d{4}-/),
      "END",
      "REPORT",
    ]);
    expect(log[3]).toContain(`Init Duration: `);
  });
});
