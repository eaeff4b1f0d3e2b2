import { describe, expect, it } from "vitest";
import type { TraceSpan } from "@/lib/traces/types";
import { formatTick, layoutWaterfall, timelineTicks } from "@/components/traces/waterfall-layout";

const span = (spanId: string, parentSpanId: string | null, startMs: number, durationMs: number): TraceSpan => ({
  spanId,
  parentSpanId,
  name: spanId,
  kind: "handler",
  service: "fn",
  startMs,
  durationMs,
  status: "ok",
  attributes: {},
});

const order = (spans: TraceSpan[], collapsed?: Set<string>) =>
  layoutWaterfall(spans, collapsed).rows.map((r) => `${"  ".repeat(r.depth)}${r.span.spanId}`);

describe("layoutWaterfall", () => {
  it("orders a tree depth first with siblings by start, whatever order the spans arrive in", () => {
    const spans = [
      span("handler", "req", 1_005, 80),
      span("user-b", "handler", 1_050, 10),
      span("req", null, 1_000, 100),
      span("user-a", "handler", 1_010, 20),
      span("init", "req", 1_001, 4),
    ];
    expect(order(spans)).toEqual(["req", "  init", "  handler", "    user-a", "    user-b"]);
  });

  it("puts the longer span first at a tie of start (the likely parent), then orders by id", () => {
    const spans = [span("b", null, 0, 5), span("c", null, 0, 5), span("a", null, 0, 10)];
    expect(order(spans)).toEqual(["a", "b", "c"]);
  });

  it("shows a span whose parent is not in the trace at the root, in start order", () => {
    const spans = [span("root", null, 10, 50), span("orphan", "missing", 5, 10), span("child", "root", 20, 5)];
    expect(order(spans)).toEqual(["orphan", "root", "  child"]);
  });

  it("still shows every span when parents form a cycle or a span names itself", () => {
    const spans = [span("a", "b", 0, 10), span("b", "a", 1, 5), span("self", "self", 2, 1)];
    const rows = order(spans);
    expect(rows).toHaveLength(3);
    expect(rows.map((r) => r.trim()).sort()).toEqual(["a", "b", "self"]);
  });

  it("keeps the first of duplicated span ids", () => {
    const spans = [span("x", null, 0, 10), { ...span("x", null, 0, 99), name: "dup" }];
    const { rows } = layoutWaterfall(spans);
    expect(rows).toHaveLength(1);
    expect(rows[0]?.span.name).toBe("x");
  });

  it("places bars as percentages of the trace's extent", () => {
    const { rows, startMs, endMs, totalMs } = layoutWaterfall([
      span("root", null, 1_000, 200),
      span("late", "root", 1_150, 100),
    ]);
    expect({ startMs, endMs, totalMs }).toEqual({ startMs: 1_000, endMs: 1_250, totalMs: 250 });
    expect(rows[0]).toMatchObject({ offsetPct: 0, widthPct: 80, offsetMs: 0 });
    expect(rows[1]).toMatchObject({ offsetPct: 60, widthPct: 40, offsetMs: 150 });
  });

  it("gives a zero-length trace zero offsets instead of dividing by zero", () => {
    const { rows, totalMs } = layoutWaterfall([span("only", null, 5, 0)]);
    expect(totalMs).toBe(0);
    expect(rows[0]).toMatchObject({ offsetPct: 0, widthPct: 0 });
  });

  it("counts children and descendants, and hides what is below a collapsed span", () => {
    const spans = [
      span("req", null, 0, 100),
      span("handler", "req", 5, 90),
      span("u1", "handler", 10, 5),
      span("u2", "u1", 11, 1),
      span("after", null, 200, 1),
    ];
    const all = layoutWaterfall(spans).rows;
    expect(all.find((r) => r.span.spanId === "req")).toMatchObject({ childCount: 1, descendantCount: 3 });
    expect(all.find((r) => r.span.spanId === "u2")).toMatchObject({ childCount: 0, descendantCount: 0 });
    expect(order(spans, new Set(["handler"]))).toEqual(["req", "  handler", "after"]);
    expect(order(spans, new Set(["req", "u1"]))).toEqual(["req", "after"]);
  });

  it("lays out nothing for no spans", () => {
    expect(layoutWaterfall([])).toEqual({ rows: [], startMs: 0, endMs: 0, totalMs: 0 });
  });
});

describe("timelineTicks", () => {
  it("steps in round numbers across the extent", () => {
    expect(timelineTicks(100)).toEqual([0, 20, 40, 60, 80, 100]);
    expect(timelineTicks(1_234)).toEqual([0, 500, 1_000]);
    expect(timelineTicks(0.7)).toEqual([0, 0.2, 0.4, 0.6]);
    expect(timelineTicks(37)).toEqual([0, 10, 20, 30]);
  });

  it("gives a lone zero for an empty or broken extent", () => {
    expect(timelineTicks(0)).toEqual([0]);
    expect(timelineTicks(Number.NaN)).toEqual([0]);
  });
});

describe("formatTick", () => {
  it("labels in ms under a second, in s above", () => {
    expect(formatTick(0)).toBe("0");
    expect(formatTick(0.2)).toBe("0.2 ms");
    expect(formatTick(250)).toBe("250 ms");
    expect(formatTick(1_500)).toBe("1.5 s");
  });
});
