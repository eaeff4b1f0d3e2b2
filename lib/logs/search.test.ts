import { randomUUID } from "node:crypto";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { insertInvocations, insertLines, type InvocationRecord } from "@/lib/logs/record-rows";
import { getInvocationLog } from "@/lib/logs/search";
import { testDatabaseUrl } from "@/test/server";

const db = new pg.Pool({ connectionString: testDatabaseUrl(), max: 2 });
afterAll(() => db.end());

const attempt = (requestId: string, functionId: string, n: number, startedAt: number): InvocationRecord => ({
  requestId,
  attempt: n,
  functionId,
  functionName: "log-split",
  version: "$LATEST",
  trigger: "async",
  startedAt,
  durationMs: 40,
  billedDurationMs: 40,
  initDurationMs: null,
  memorySizeMb: 128,
  maxMemoryUsedMb: 20,
  outcome: "Error",
  errorType: "Error",
  errorMessage: "try again",
  requestBytes: 2,
  responseBytes: 0,
  logBytes: 10,
  logTruncated: false,
});

describe("an invocation's log", () => {
  it("gives each attempt the lines of its run, also a first line stamped just before the recorded start", async () => {
    const requestId = randomUUID();
    const functionId = randomUUID();
    const t0 = Date.parse("2026-12-07T08:00:00.000Z");
    const t1 = t0 + 2000; // the retry, two seconds later
    await insertInvocations(db, [attempt(requestId, functionId, 1, t0), attempt(requestId, functionId, 2, t1)]);
    const line = (ts: number, message: string) => ({
      requestId,
      functionId,
      line: { ts, level: "INFO" as const, message },
    });
    // A traced call's start is the handler's on the instance's monotonic clock; its lines carry the
    // wall clock, which may read a few milliseconds earlier.
    await insertLines(db, [
      line(t0 - 4, "first try begins"),
      line(t0 + 30, "first try fails"),
      line(t1 - 4, "second try"),
    ]);
    const log = await getInvocationLog(db, requestId);
    const at = (text: string) => log.findIndex((l) => l.includes(text));
    const starts = log.flatMap((l, i) => (l.startsWith("START") ? [i] : []));
    expect(starts).toHaveLength(2);
    expect(at("first try begins")).toBeGreaterThan(starts[0]!);
    expect(at("first try fails")).toBeLessThan(starts[1]!);
    expect(at("second try")).toBeGreaterThan(starts[1]!);
    expect(log.filter((l) => /try/.test(l) && !/^(START|END|REPORT)/.test(l))).toHaveLength(3);
  });
});
