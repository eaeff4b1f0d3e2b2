/**
 * The per-invocation log cap counts every line's bytes plus a per-line overhead, cuts an
 * oversize write at the cap, and says so (marker line, logTruncated) whenever anything is dropped.
 */
import { describe, expect, it } from "vitest";
import { CreateFunctionCommand, InvokeCommand } from "@aws-sdk/client-lambda";
import { uniqueName, testServer, zipOf } from "@/test/server";
import { LOG_LINE_OVERHEAD_BYTES } from "@/lib/executor/log-budget";
import { MAX_LOG_BYTES_PER_INVOCATION } from "@/lib/executor/types";

const t = testServer();
const CAP = MAX_LOG_BYTES_PER_INVOCATION;

async function run(body: string) {
  const name = uniqueName("logcap");
  await t.lambda.send(
    new CreateFunctionCommand({
      FunctionName: name,
      Role: "r",
      Runtime: "nodejs20.x",
      Handler: "index.handler",
      Timeout: 30,
      MemorySize: 512,
      Code: { ZipFile: zipOf(`export const handler = async () => { ${body}; return "done"; };`) },
    }),
  );
  const r = await t.lambda.send(new InvokeCommand({ FunctionName: name }));
  expect(r.FunctionError).toBeUndefined();
  await t.srv.platform.writer.flush();
  const pool = t.srv.platform.db.pool;
  const id = r.$metadata.requestId!;
  const inv = (await pool.query(`SELECT "logBytes", "logTruncated" FROM invocations WHERE "requestId" = $1`, [id]))
    .rows[0];
  const lines = (await pool.query(`SELECT message, level FROM log_lines WHERE "requestId" = $1 ORDER BY id`, [id]))
    .rows as Array<{ message: string; level: string }>;
  const kept = lines.filter((l) => !l.message.startsWith("[nimbus] log output truncated"));
  const markers = lines.filter((l) => l.message.startsWith("[nimbus] log output truncated"));
  const keptBytes = kept.reduce((n, l) => n + Buffer.byteLength(l.message) + LOG_LINE_OVERHEAD_BYTES, 0);
  return { inv, kept, markers, keptBytes };
}

describe("log caps", () => {
  it("keeps every line under the cap, untruncated", async () => {
    const { inv, kept, markers } = await run(`for (let i = 0; i < 1000; i++) console.log("line " + i)`);
    expect(kept).toHaveLength(1000);
    expect(markers).toHaveLength(0);
    expect(inv.logTruncated).toBe(false);
  });

  it("100,000 one-character lines reach the cap by their per-line cost and say so", async () => {
    const { inv, kept, markers, keptBytes } = await run(`for (let i = 0; i < 100000; i++) console.log("x")`);
    expect(inv.logTruncated).toBe(true);
    expect(markers).toHaveLength(1);
    expect(markers[0]!.level).toBe("WARN");
    expect(inv.logBytes).toBe(100_000 * (1 + LOG_LINE_OVERHEAD_BYTES));
    expect(keptBytes).toBeLessThanOrEqual(CAP);
    expect(kept.length).toBe(Math.floor(CAP / (1 + LOG_LINE_OVERHEAD_BYTES)));
  });

  it("a million empty lines store a bounded number of rows and count what was written", async () => {
    const { inv, kept, markers } = await run(`for (let i = 0; i < 1000000; i++) console.log("")`);
    expect(inv.logTruncated).toBe(true);
    expect(markers).toHaveLength(1);
    expect(kept.length).toBe(Math.floor(CAP / LOG_LINE_OVERHEAD_BYTES));
    expect(inv.logBytes).toBe(1_000_000 * LOG_LINE_OVERHEAD_BYTES);
  });

  it("one 50 MB write is cut at the cap, not dropped whole", async () => {
    const { inv, kept, markers, keptBytes } = await run(`process.stdout.write("y".repeat(50 * 1024 * 1024))`);
    expect(inv.logTruncated).toBe(true);
    expect(markers).toHaveLength(1);
    expect(kept).toHaveLength(1);
    expect(kept[0]!.message).toMatch(/^y+$/);
    expect(keptBytes).toBe(CAP);
  });
});
