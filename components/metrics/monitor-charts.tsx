"use client";
import { useMemo } from "react";
import type { FunctionMetrics } from "@/lib/queries/metrics";
import { formatAxisNumber, formatConcurrency, formatCount, formatMs, formatMsShort } from "@/lib/metrics/format";
import { successRate, summarizeMetrics, type ChartId } from "@/lib/metrics/summary";
import { MetricChart, type ChartSeries } from "@/components/metrics/metric-chart";

// Mid-tone (500) hues: enough contrast on both the white and the slate-900 card.
const C = {
  sky: "#0ea5e9",
  red: "#ef4444",
  emerald: "#10b981",
  amber: "#f59e0b",
  violet: "#8b5cf6",
  orange: "#f97316",
  indigo: "#6366f1",
  teal: "#14b8a6",
};

const count = (v: number) => formatCount(v);
const pct = (v: number) => `${Math.round(v)}%`;

const CHARTS: Array<{
  id: ChartId;
  title: string;
  series: ChartSeries[];
  formatLeft: (v: number) => string;
  /** A second unit on a right axis. */
  right?: { format: (v: number) => string; domain?: [number, number] };
}> = [
  {
    id: "invocations",
    title: "Invocations",
    formatLeft: count,
    series: [{ key: "invocations", name: "Invocations", color: C.sky, kind: "bar", format: count }],
  },
  {
    id: "errors",
    title: "Errors and success rate",
    formatLeft: count,
    right: { format: pct, domain: [0, 100] },
    series: [
      { key: "errors", name: "Errors", color: C.red, kind: "bar", format: count },
      {
        key: "successPct",
        name: "Success rate",
        color: C.emerald,
        kind: "line",
        axis: "right",
        format: (v) => `${v.toFixed(1)}%`,
      },
    ],
  },
  {
    id: "throttles",
    title: "Throttles",
    formatLeft: count,
    series: [{ key: "throttles", name: "Throttles", color: C.amber, kind: "bar", format: count }],
  },
  {
    id: "duration",
    title: "Duration",
    formatLeft: formatMsShort,
    series: [
      { key: "durationMsP50", name: "p50", color: C.sky, kind: "line", format: (v) => formatMs(v) },
      { key: "durationMsP90", name: "p90", color: C.violet, kind: "line", format: (v) => formatMs(v) },
      { key: "durationMsP99", name: "p99", color: C.orange, kind: "line", format: (v) => formatMs(v) },
    ],
  },
  {
    id: "coldStarts",
    // Under load a call waits for a busy instance when that is quicker than starting one (docs/architecture.md).
    title: "Cold starts and queue waits",
    formatLeft: count,
    right: { format: formatMsShort },
    series: [
      { key: "coldStarts", name: "Cold starts", color: C.indigo, kind: "bar", format: count },
      { key: "queued", name: "Waited for an instance", color: C.amber, kind: "bar", format: count },
      {
        key: "queuedMsMax",
        name: "Longest wait",
        color: C.orange,
        kind: "line",
        axis: "right",
        format: (v) => formatMs(v),
      },
    ],
  },
  {
    id: "concurrency",
    title: "Concurrent executions (average)",
    formatLeft: formatAxisNumber,
    series: [
      { key: "concurrencyAvg", name: "Average concurrent", color: C.teal, kind: "area", format: formatConcurrency },
    ],
  },
];

export const EMPTY_MESSAGE = "No invocations in this period";

/** With no queue waits in the range, the wait line and its axis would be an empty frame: left out. */
const withoutIdleAxis = (metrics: FunctionMetrics) => (c: (typeof CHARTS)[number]) =>
  c.id === "coldStarts" && metrics.totals.queued === 0
    ? { ...c, right: undefined, series: c.series.filter((s) => s.axis !== "right") }
    : c;

/** The six charts of the Monitor tab, two per row from 1024 px. */
export function MonitorCharts({ metrics }: { metrics: FunctionMetrics }) {
  const summaries = useMemo(() => summarizeMetrics(metrics), [metrics]);
  // Success rate per bucket; null (a gap) where nothing ran, so the line does not dive to 0%.
  const data = useMemo(
    () => metrics.buckets.map((b) => ({ ...b, successPct: nullablePct(successRate(b.invocations, b.errors)) })),
    [metrics],
  );
  // Throttled attempts are not invocations: with only throttles, the throttle chart alone has data.
  const empty = (id: ChartId) =>
    id === "throttles"
      ? metrics.totals.throttles === 0 && metrics.totals.invocations === 0
      : metrics.totals.invocations === 0;
  return (
    <div className="grid grid-cols-1 gap-4 lg:grid-cols-2">
      {CHARTS.map(withoutIdleAxis(metrics)).map((c) => (
        <MetricChart
          key={c.id}
          title={c.title}
          summary={summaries[c.id]}
          data={data}
          series={c.series}
          range={metrics.range}
          stepMs={metrics.stepMs}
          formatLeft={c.formatLeft}
          formatRight={c.right?.format}
          rightDomain={c.right?.domain}
          empty={empty(c.id) ? EMPTY_MESSAGE : null}
        />
      ))}
    </div>
  );
}

const nullablePct = (r: number | null) => (r === null ? null : r * 100);
