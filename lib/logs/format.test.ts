import { describe, expect, it } from "vitest";
import { invocationLines, renderLine, reportLine, tailBase64 } from "@/lib/logs/format";
import type { InvokeResult } from "@/lib/executor/types";

const base: InvokeResult = {
  requestId: "c0ffee00-0000-4000-8000-000000000001",
  outcome: "Success",
  payload: Buffer.from("null"),
  startedAt: Date.parse("2026-11-27T10:00:00.000Z"),
  durationMs: 1.234,
  billedDurationMs: 2,
  memorySizeMb: 128,
  maxMemoryUsedMb: 12,
  logs: [{ ts: Date.parse("2026-11-27T10:00:00.001Z"), level: "INFO", message: "hello" }],
  logBytes: 5,
  logTruncated: false,
};

describe("log format", () => {
  it("writes REPORT like Lambda, with Init Duration on cold starts", () => {
    expect(reportLine(base)).toBe(
      "REPORT RequestId: c0ffee00-0000-4000-8000-000000000001\tDuration: 1.23 ms\tBilled Duration: 2 ms\tMemory Size: 128 MB\tMax Memory Used: 12 MB",
    );
    expect(reportLine({ ...base, initDurationMs: 15.678 })).toMatch(/\tInit Duration: 15\.68 ms$/);
    expect(reportLine({ ...base, outcome: "Timeout" })).toMatch(/\tStatus: timeout$/);
    // A wait for a busy instance is said after Lambda's fields; none, nothing.
    expect(reportLine({ ...base, queuedMs: 4 })).toMatch(/\tMax Memory Used: 12 MB\tQueued: 4 ms$/);
    expect(reportLine({ ...base, queuedMs: 0 })).not.toContain("Queued");
  });

  it("frames user lines with START and END, in the runtime's tab format", () => {
    const lines = invocationLines(base, base.logs, "$LATEST").map((l) => renderLine(l, base.requestId));
    expect(lines[0]).toBe(`START RequestId: ${base.requestId} Version: $LATEST`);
    expect(lines[1]).toBe(`2026-11-27T10:00:00.001Z\t${base.requestId}\tINFO\thello`);
    expect(lines[2]).toBe(`END RequestId: ${base.requestId}`);
    expect(lines[3]).toMatch(/^REPORT /);
  });

  it("adds Lambda's timeout notice for timed-out invocations", () => {
    const t = { ...base, outcome: "Timeout" as const, durationMs: 3000, logs: [] };
    const lines = invocationLines(t, [], "$LATEST").map((l) => renderLine(l, t.requestId));
    expect(lines[1]).toBe(`2026-11-27T10:00:03.000Z ${t.requestId} Task timed out after 3.00 seconds`);
    expect(lines[3]).toMatch(/\tStatus: timeout$/);
  });

  it("keeps only the last 4 KB for LogType=Tail", () => {
    const many = {
      ...base,
      logs: Array.from({ length: 500 }, (_, i) => ({
        ts: base.startedAt,
        level: "INFO" as const,
        message: `line ${i}`,
      })),
    };
    const text = Buffer.from(
      tailBase64(invocationLines(many, many.logs, "$LATEST"), base.requestId),
      "base64",
    ).toString();
    expect(Buffer.byteLength(text)).toBeLessThanOrEqual(4096);
    expect(text).toContain("REPORT RequestId");
    expect(text).not.toContain("line 0\n");
  });
});
