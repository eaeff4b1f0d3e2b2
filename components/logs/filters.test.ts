import { describe, expect, it } from "vitest";
import {
  formatTime,
  groupMatches,
  highlightParts,
  matchesStatus,
  readLogsState,
  sinceMsOf,
  statusBadge,
  writeLogsState,
} from "@/components/logs/filters";
import type { InvocationItem, LogMatch } from "@/lib/queries/invocations";

const A = "aaaaaaaa-0000-4000-8000-000000000001";
const B = "bbbbbbbb-0000-4000-8000-000000000002";

describe("logs state in the URL", () => {
  it("reads defaults for missing or unknown values", () => {
    expect(readLogsState(new URLSearchParams("tab=logs&status=bogus&since=2h&invocation=nope"))).toEqual({
      status: "all",
      since: "all",
      q: "",
      live: false,
      open: null,
    });
    expect(readLogsState(new URLSearchParams(`status=timeout&since=15m&q=order+7&live=1&invocation=${A}`))).toEqual({
      status: "timeout",
      since: "15m",
      q: "order 7",
      live: true,
      open: A,
    });
  });

  it("writes a patch, keeps the page's other params and leaves defaults out", () => {
    const qs = writeLogsState("tab=logs&range=24h", { status: "error", live: true });
    expect(new URLSearchParams(qs).get("tab")).toBe("logs");
    expect(new URLSearchParams(qs).get("range")).toBe("24h");
    expect(readLogsState(new URLSearchParams(qs))).toMatchObject({ status: "error", live: true });
    expect(writeLogsState(qs, { status: "all", live: false, q: "  " })).toBe("tab=logs&range=24h");
    expect(writeLogsState("tab=logs", { open: B })).toBe(`tab=logs&invocation=${B}`);
  });

  it("turns the window into milliseconds", () => {
    expect(sinceMsOf("15m")).toBe(900_000);
    expect(sinceMsOf("7d")).toBe(604_800_000);
    expect(sinceMsOf("all")).toBeUndefined();
  });
});

describe("display", () => {
  it("labels outcomes, naming the error type of a failure", () => {
    expect(statusBadge({ outcome: "Success", errorType: null })).toEqual({ label: "Succeeded", tone: "success" });
    expect(statusBadge({ outcome: "Error", errorType: "TypeError" })).toEqual({
      label: "Failed (TypeError)",
      tone: "error",
    });
    expect(statusBadge({ outcome: "OutOfMemory", errorType: "Runtime.OutOfMemory" }).label).toBe(
      "Failed (Runtime.OutOfMemory)",
    );
    expect(statusBadge({ outcome: "Timeout", errorType: "Sandbox.Timedout" }).label).toBe("Timed out");
    expect(statusBadge({ outcome: "Throttled", errorType: "TooManyRequestsException" }).label).toBe("Throttled");
  });

  it("shows the date only when it is not today", () => {
    const now = new Date(2026, 10, 27, 15, 0, 0);
    expect(formatTime(new Date(2026, 10, 27, 9, 5, 7, 42).toISOString(), now)).toBe("09:05:07.042");
    expect(formatTime(new Date(2026, 10, 26, 23, 59, 59, 999).toISOString(), now)).toBe("2026-11-26 23:59:59.999");
  });

  it("groups search hits by invocation across pages, newest invocation first, lines in log order", () => {
    const line = (id: string, requestId: string): LogMatch => ({
      id,
      requestId,
      ts: "2026-11-27T10:00:00.000Z",
      level: "INFO",
      message: `line ${id}`,
    });
    const inv = { requestId: A, outcome: "Success" } as InvocationItem;
    const groups = groupMatches([
      { items: [line("9", A), line("8", B), line("7", A)], invocations: { [A]: inv } },
      { items: [line("3", A)], invocations: { [A]: inv } },
    ]);
    expect(groups.map((g) => g.requestId)).toEqual([A, B]);
    expect(groups[0]!.lines.map((l) => l.id)).toEqual(["3", "7", "9"]);
    expect(groups[0]!.invocation).toBe(inv);
    expect(groups[1]!.invocation).toBeNull();
  });

  it("applies the status filter to search hits as the server does", () => {
    expect(matchesStatus("Crash", "error")).toBe(true);
    expect(matchesStatus("Timeout", "error")).toBe(false);
    expect(matchesStatus(undefined, "success")).toBe(false);
    expect(matchesStatus(undefined, "all")).toBe(true);
  });

  it("cuts text around every case-insensitive hit", () => {
    expect(highlightParts("Order 7 and ORDER 8", "order")).toEqual([
      { text: "Order", hit: true },
      { text: " 7 and ", hit: false },
      { text: "ORDER", hit: true },
      { text: " 8", hit: false },
    ]);
    expect(highlightParts("abc", "")).toEqual([{ text: "abc", hit: false }]);
    expect(highlightParts("aaa", "aa")).toEqual([
      { text: "aa", hit: true },
      { text: "a", hit: false },
    ]);
  });
});
