"use client";
import type { VersionSplit } from "@/lib/metrics/by-version";
import type { MetricsRange } from "@/lib/metrics/range";
import { formatCount, formatMs, formatMsShort } from "@/lib/metrics/format";
import { MetricChart, type ChartSeries } from "@/components/metrics/metric-chart";

const COLORS = ["#0ea5e9", "#f97316", "#8b5cf6", "#14b8a6"];
const label = (v: string) => (v === "$LATEST" ? "$LATEST" : `Version ${v}`);

/**
 * When more than one version ran in the range (a weighted alias, a rollout): invocations, error
 * rate and p99 per version side by side, so the new version can be judged against the old.
 */
export function VersionCharts({ split, range, stepMs }: { split: VersionSplit; range: MetricsRange; stepMs: number }) {
  const total = split.versions.reduce((n, v) => n + v.invocations, 0);
  const series = (prefix: string, kind: ChartSeries["kind"], format: (v: number) => string): ChartSeries[] =>
    split.versions.map((v, i) => ({
      key: `${prefix}:${v.version}`,
      name: label(v.version),
      color: COLORS[i % COLORS.length]!,
      kind,
      format,
      // One stacked bar per bucket: side by side, two bars in a third of the page are too thin to see.
      ...(kind === "bar" ? { stack: "versions" } : {}),
    }));
  const share = split.versions
    .map((v) => `${label(v.version)}: ${Math.round((v.invocations / Math.max(total, 1)) * 100)}%`)
    .join(", ");
  const errors = split.versions
    .map((v) => `${label(v.version)}: ${((v.errors / Math.max(v.invocations, 1)) * 100).toFixed(1)}% errors`)
    .join(", ");
  const p99 = split.versions
    .map((v) => `${label(v.version)}: p99 ${v.durationMsP99 === null ? "–" : formatMs(v.durationMsP99)}`)
    .join(", ");
  return (
    <section aria-label="By version" className="space-y-2">
      <h3 className="text-sm font-semibold text-slate-700 dark:text-slate-200">By version</h3>
      <div className="grid grid-cols-1 gap-4 lg:grid-cols-3">
        <MetricChart
          title="Invocations by version"
          summary={`Share of invocations: ${share}`}
          data={split.buckets}
          series={series("inv", "bar", (v) => formatCount(v))}
          range={range}
          stepMs={stepMs}
          formatLeft={(v) => formatCount(v)}
        />
        <MetricChart
          title="Error rate by version"
          summary={errors}
          data={split.buckets}
          series={series("err%", "line", (v) => `${v.toFixed(1)}%`)}
          range={range}
          stepMs={stepMs}
          formatLeft={(v) => `${Math.round(v)}%`}
        />
        <MetricChart
          title="p99 duration by version"
          summary={p99}
          data={split.buckets}
          series={series("p99", "line", (v) => formatMs(v))}
          range={range}
          stepMs={stepMs}
          formatLeft={formatMsShort}
        />
      </div>
    </section>
  );
}
