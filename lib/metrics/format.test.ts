import { describe, expect, it } from "vitest";
import {
  formatAxisNumber,
  formatBucketSpan,
  formatConcurrency,
  formatCount,
  formatGbSeconds,
  formatMs,
  formatMsShort,
  formatPercent,
  formatTick,
  formatUsd,
} from "@/lib/metrics/format";
import { successRate, summarizeMetrics } from "@/lib/metrics/summary";
import type { FunctionMetrics, MetricsBucket } from "@/lib/metrics/series";

describe("formatting", () => {
  it("formats durations, counts, percentages and concurrency", () => {
    expect([0.423, 12.34, 850.4, 1250, null].map(formatMs)).toEqual(["0.42 ms", "12.3 ms", "850 ms", "1.25 s", "–"]);
    expect([0, 0.25, 90, 1500].map(formatMsShort)).toEqual(["0", "0.3ms", "90ms", "1.5s"]);
    expect([0, 0.005, 0.042, 1.5].map(formatAxisNumber)).toEqual(["0", "0.005", "0.042", "1.5"]);
    expect(formatCount(12345)).toBe("12,345");
    expect([1, 0, 0.95238].map(formatPercent)).toEqual(["100%", "0%", "95.2%"]);
    expect([0, 0.003, 0.0213, 12.34].map(formatConcurrency)).toEqual(["0", "<0.01", "0.02", "12.3"]);
  });

  it("keeps fractions of a cent visible", () => {
    expect(formatUsd(0)).toBe("$0.00");
    expect(formatUsd(0.0000020833)).toBe("$0.00000208");
    expect(formatUsd(1.5e-7)).toBe("$0.00000015");
    expect(formatUsd(1.86667)).toBe("$1.8667");
    expect(formatUsd(1234.5)).toBe("$1,234.50");
    expect(formatGbSeconds(0.125)).toBe("0.125");
    expect(formatGbSeconds(1234.567)).toBe("1,234.57");
  });

  it("labels the time axis by range", () => {
    const t = Date.UTC(2026, 10, 27, 14, 5);
    expect(formatTick(t, "1h", "UTC")).toBe("14:05");
    expect(formatTick(t, "7d", "UTC")).toBe("Fri 14:05");
    expect(formatBucketSpan(t, 60_000, "UTC")).toBe("Nov 27, 14:05 – 14:06");
  });
});

const bucket = (t: number, b: Partial<MetricsBucket> = {}): MetricsBucket => ({
  t,
  invocations: 0,
  errors: 0,
  throttles: 0,
  coldStarts: 0,
  queued: 0,
  queuedMsMax: null,
  durationMsP50: null,
  durationMsP90: null,
  durationMsP99: null,
  concurrencyAvg: 0,
  ...b,
});

describe("summarizeMetrics", () => {
  const metrics: FunctionMetrics = {
    range: "1h",
    stepMs: 60_000,
    fromMs: 0,
    toMs: 120_000,
    generatedAt: 90_000,
    buckets: [
      bucket(0, { invocations: 30, errors: 1, throttles: 2, concurrencyAvg: 0.4 }),
      bucket(60_000, { invocations: 12, errors: 1 }),
    ],
    totals: {
      invocations: 42,
      errors: 2,
      throttles: 2,
      coldStarts: 1,
      queued: 0,
      queuedMsMax: null,
      requests: 42,
      gbSeconds: 1,
      durationMsP50: 12.34,
      durationMsP90: 40,
      durationMsP99: 1200,
      concurrencyAvg: 0.0213,
    },
  };

  it("gives each chart one sentence with its headline figure", () => {
    expect(summarizeMetrics(metrics)).toEqual({
      invocations: "Invocations: 42 in the last hour, at most 30 per minute",
      errors: "Errors: 2 of 42 invocations in the last hour (95.2% success)",
      throttles: "Throttles: 2 in the last hour, at most 2 per minute",
      duration: "Duration in the last hour: p50 12.3 ms, p90 40.0 ms, p99 1.20 s",
      coldStarts: "Cold starts: 1 of 42 invocations in the last hour",
      concurrency: "Concurrent executions (average): 0.02 over the last hour, busiest minute: 0.40",
    });
  });

  it("says how many calls waited for a busy instance instead of a cold start", () => {
    const busy = { ...metrics, totals: { ...metrics.totals, queued: 5, queuedMsMax: 7 } };
    expect(summarizeMetrics(busy).coldStarts).toBe(
      "Cold starts: 1 of 42 invocations in the last hour; 5 waited for a busy instance instead (longest 7.00 ms)",
    );
  });

  it("says so when nothing ran", () => {
    const idle = {
      ...metrics,
      range: "7d" as const,
      buckets: [bucket(0)],
      totals: {
        ...metrics.totals,
        invocations: 0,
        errors: 0,
        throttles: 0,
        coldStarts: 0,
        concurrencyAvg: 0,
        durationMsP50: null,
        durationMsP90: null,
        durationMsP99: null,
      },
    };
    const s = summarizeMetrics(idle);
    expect(s.invocations).toBe("Invocations: 0 in the last 7 days");
    expect(s.errors).toBe("Errors: no invocations in the last 7 days");
    expect(s.duration).toBe("Duration: no invocations in the last 7 days");
    expect(successRate(0, 0)).toBeNull();
  });
});
