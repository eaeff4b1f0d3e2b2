"use client";
import { useMemo } from "react";
import { MetricChart, type ChartSeries } from "@/components/metrics/metric-chart";
import { SegmentedSwitch } from "@/components/ui/segmented-switch";
import { ErrorState, Loading } from "@/components/ui/states";
import { formatCount } from "@/lib/metrics/format";
import { ACTIVITY_HOURS, type ActivityHours, type QueueActivityPoint } from "@/lib/queries/queues";
import { activitySummary, bucketActivity } from "@/components/queues/activity";

const count = (v: number) => formatCount(v);
// The Monitor tab's mid-tone hues: readable on both themes' cards. Bars, not lines: counts are
// whole numbers, and the chart's axis only keeps to whole numbers for bars.
const SERIES: ChartSeries[] = [
  { key: "sent", name: "Sent", color: "#0ea5e9", kind: "bar", format: count },
  { key: "received", name: "Received", color: "#8b5cf6", kind: "bar", format: count },
  { key: "deleted", name: "Deleted", color: "#10b981", kind: "bar", format: count },
];
const OPTIONS = ACTIVITY_HOURS.map((h) => ({ value: h, label: `${h} h` }));
const STEP: Record<ActivityHours, string> = { 1: "per minute", 6: "per 5 minutes", 24: "per 15 minutes" };

/** Sent, received and deleted messages over 1, 6 or 24 hours, in the Monitor tab's chart. */
export function QueueActivityChart({
  points,
  error,
  hours,
  onHours,
  onRetry,
}: {
  points: readonly QueueActivityPoint[] | undefined;
  error: unknown;
  hours: ActivityHours;
  onHours: (hours: ActivityHours) => void;
  onRetry: () => void;
}) {
  const series = useMemo(() => (points ? bucketActivity(points, hours) : null), [points, hours]);
  const idle = series ? series.totals.sent + series.totals.received + series.totals.deleted === 0 : false;
  return (
    <div className="space-y-2">
      <div className="flex flex-wrap items-center gap-3">
        <h2 className="text-sm font-semibold">Traffic</h2>
        <span className="text-xs text-slate-500 dark:text-slate-400">Messages {STEP[hours]}</span>
        <div className="ml-auto">
          <SegmentedSwitch legend="Time span" options={OPTIONS} value={hours} onChange={onHours} />
        </div>
      </div>
      {error && !series ? <ErrorState error={error} retry={onRetry} /> : null}
      {series ? (
        <MetricChart
          title={`Sent, received and deleted · last ${hours === 1 ? "hour" : `${hours} hours`}`}
          summary={activitySummary(series.totals, hours)}
          data={series.buckets}
          series={SERIES}
          // Only the tick format reads the range: clock time, as for the Monitor tab's 1 h and 24 h.
          range={hours === 1 ? "1h" : "24h"}
          stepMs={series.stepMs}
          formatLeft={count}
          barGap={0}
          empty={idle ? "No messages sent or received in this period" : null}
        />
      ) : error ? null : (
        <Loading label="Loading traffic…" />
      )}
    </div>
  );
}
