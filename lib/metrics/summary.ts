/**
 * One sentence per chart, for `aria-label` on the chart and as its visible caption: a screen
 * reader user gets the figure the chart exists to show, and everyone gets the total that a
 * bar chart alone makes you add up.
 */
import type { FunctionMetrics } from "@/lib/metrics/series";
import { RANGE_SPECS } from "@/lib/metrics/range";
import { formatConcurrency, formatCount, formatMs, formatPercent } from "@/lib/metrics/format";

export type ChartId = "invocations" | "errors" | "throttles" | "duration" | "coldStarts" | "concurrency";

/** Successful share of the attempts that ran; null when none ran. */
export function successRate(invocations: number, errors: number): number | null {
  return invocations === 0 ? null : (invocations - errors) / invocations;
}

export function summarizeMetrics(m: FunctionMetrics): Record<ChartId, string> {
  const { phrase, per } = RANGE_SPECS[m.range];
  const t = m.totals;
  const peak = (pick: (b: FunctionMetrics["buckets"][number]) => number) =>
    m.buckets.reduce((mx, b) => Math.max(mx, pick(b)), 0);
  const rate = successRate(t.invocations, t.errors);
  const ran = t.invocations === 0 ? `no invocations in ${phrase}` : null;
  return {
    invocations:
      `Invocations: ${formatCount(t.invocations)} in ${phrase}` +
      (t.invocations ? `, at most ${formatCount(peak((b) => b.invocations))} per ${per}` : ""),
    errors: ran
      ? `Errors: ${ran}`
      : `Errors: ${formatCount(t.errors)} of ${formatCount(t.invocations)} invocations in ${phrase} ` +
        `(${formatPercent(rate!)} success)`,
    throttles:
      `Throttles: ${formatCount(t.throttles)} in ${phrase}` +
      (t.throttles ? `, at most ${formatCount(peak((b) => b.throttles))} per ${per}` : ""),
    duration: ran
      ? `Duration: ${ran}`
      : `Duration in ${phrase}: p50 ${formatMs(t.durationMsP50)}, p90 ${formatMs(t.durationMsP90)}, ` +
        `p99 ${formatMs(t.durationMsP99)}`,
    coldStarts: ran
      ? `Cold starts: ${ran}`
      : `Cold starts: ${formatCount(t.coldStarts)} of ${formatCount(t.invocations)} invocations in ${phrase}` +
        (t.queued
          ? `; ${formatCount(t.queued)} waited for a busy instance instead (longest ${formatMs(t.queuedMsMax)})`
          : ""),
    concurrency:
      `Concurrent executions (average): ${formatConcurrency(t.concurrencyAvg)} over ${phrase}` +
      (t.invocations ? `, busiest ${per}: ${formatConcurrency(peak((b) => b.concurrencyAvg))}` : ""),
  };
}
