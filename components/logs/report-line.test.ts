import { describe, expect, it } from "vitest";
import { lineKind, parseReportLine } from "@/components/logs/report-line";
import { reportLine } from "@/lib/logs/format";

const rid = "c0ffee00-0000-4000-8000-000000000001";

describe("parseReportLine", () => {
  it("reads a warm REPORT as the server writes it", () => {
    const line = reportLine({
      requestId: rid,
      durationMs: 12.345,
      billedDurationMs: 13,
      memorySizeMb: 128,
      maxMemoryUsedMb: 41,
      outcome: "Success",
    });
    expect(parseReportLine(line)).toEqual({
      requestId: rid,
      durationMs: 12.35,
      billedDurationMs: 13,
      memorySizeMb: 128,
      maxMemoryUsedMb: 41,
      initDurationMs: null,
      status: null,
      errorType: null,
    });
  });

  it("reads Init Duration on a cold start, and the Status of a timeout or crash", () => {
    const cold = parseReportLine(
      reportLine({
        requestId: rid,
        durationMs: 1000.4,
        billedDurationMs: 1001,
        memorySizeMb: 256,
        maxMemoryUsedMb: 90,
        initDurationMs: 183.456,
        outcome: "Timeout",
      }),
    );
    expect(cold).toMatchObject({ durationMs: 1000.4, initDurationMs: 183.46, status: "timeout", errorType: null });
    const crash = parseReportLine(
      reportLine({
        requestId: rid,
        durationMs: 5,
        billedDurationMs: 5,
        memorySizeMb: 128,
        maxMemoryUsedMb: 128,
        outcome: "OutOfMemory",
        error: { errorType: "Runtime.OutOfMemory", errorMessage: "", trace: [] },
      }),
    );
    expect(crash).toMatchObject({ status: "error", errorType: "Runtime.OutOfMemory" });
  });

  it("returns null for other lines and for a REPORT missing a figure", () => {
    expect(parseReportLine(`START RequestId: ${rid} Version: $LATEST`)).toBeNull();
    expect(parseReportLine(`2026-11-27T10:00:00.000Z\t${rid}\tINFO\tREPORT RequestId: fake`)).toBeNull();
    expect(parseReportLine(`REPORT RequestId: ${rid}\tDuration: 1.00 ms`)).toBeNull();
    expect(
      parseReportLine(
        `REPORT RequestId: ${rid}\tDuration: abc ms\tBilled Duration: 1 ms\tMemory Size: 128 MB\tMax Memory Used: 1 MB`,
      ),
    ).toBeNull();
  });
});

describe("lineKind", () => {
  it("tells platform lines, levels and the timeout notice apart", () => {
    expect(lineKind(`START RequestId: ${rid} Version: $LATEST`)).toBe("platform");
    expect(lineKind(`END RequestId: ${rid}`)).toBe("platform");
    expect(
      lineKind(
        `REPORT RequestId: ${rid}\tDuration: 1.00 ms\tBilled Duration: 1 ms\tMemory Size: 128 MB\tMax Memory Used: 40 MB`,
      ),
    ).toBe("platform");
    expect(
      lineKind(
        `REPORT RequestId: ${rid}\tDuration: 1000.00 ms\tBilled Duration: 1000 ms\tMemory Size: 128 MB\tMax Memory Used: 40 MB\tStatus: timeout`,
      ),
    ).toBe("error");
    expect(lineKind(`2026-11-27T10:00:00.000Z\t${rid}\tERROR\tInvoke Error {"errorType":"Error"}`)).toBe("error");
    expect(lineKind(`2026-11-27T10:00:00.000Z\t${rid}\tWARN\tslow`)).toBe("warn");
    expect(lineKind(`2026-11-27T10:00:00.000Z\t${rid}\tINFO\tmessage with\ttabs and ERROR in it`)).toBe("info");
    expect(lineKind(`2026-11-27T10:00:00.000Z\t${rid}\tDEBUG\tx`)).toBe("debug");
    expect(lineKind(`2026-11-27T10:00:01.000Z ${rid} Task timed out after 1.00 seconds`)).toBe("error");
    expect(lineKind("anything else")).toBe("info");
  });
});
