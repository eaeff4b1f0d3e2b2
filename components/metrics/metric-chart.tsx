"use client";
import { Area, Bar, CartesianGrid, ComposedChart, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { Card } from "@/components/ui/states";
import { formatTick } from "@/lib/metrics/format";
import type { MetricsRange } from "@/lib/metrics/range";
import { ChartTooltip, type TooltipSeries } from "@/components/metrics/chart-tooltip";

export interface ChartSeries extends TooltipSeries {
  kind: "bar" | "line" | "area";
  /** The right axis carries a second unit (e.g. success rate next to error counts). */
  axis?: "left" | "right";
  /** Bars with the same stack id are drawn on top of each other (one bar per bucket). */
  stack?: string;
}

export interface MetricChartProps {
  title: string;
  /** One sentence with the headline figure: the chart's aria-label and its visible caption. */
  summary: string;
  data: ReadonlyArray<{ t: number }>;
  series: ChartSeries[];
  range: MetricsRange;
  stepMs: number;
  formatLeft: (v: number) => string;
  formatRight?: (v: number) => string;
  rightDomain?: [number, number];
  /** Shown instead of the chart when set. */
  empty?: string | null;
  /** Pixels between the bars of one bucket (Recharts' default, 4, leaves hairlines when many share a bucket). */
  barGap?: number;
}

const HEIGHT = 200;
const tick = { fill: "currentColor", fontSize: 11 };

// Axis text follows `currentColor`; grid lines are styled by class because Recharts writes
// them as SVG attributes, which any CSS rule overrides — so both themes work without JS.
const frame =
  "text-slate-500 dark:text-slate-400 [&_.recharts-cartesian-grid_line]:stroke-slate-200 " +
  "dark:[&_.recharts-cartesian-grid_line]:stroke-slate-700/70";

export function MetricChart({
  title,
  summary,
  data,
  series,
  range,
  stepMs,
  formatLeft,
  formatRight,
  rightDomain,
  empty,
  barGap,
}: MetricChartProps) {
  const hasBars = series.some((s) => s.kind === "bar");
  const hasRight = series.some((s) => s.axis === "right");
  return (
    <Card title={title}>
      <p className="mb-2 text-xs text-slate-500 dark:text-slate-400" aria-hidden>
        {summary}
      </p>
      {series.length > 1 && !empty ? <Legend series={series} /> : null}
      {empty ? (
        <div
          role="img"
          aria-label={`${title}: ${empty}`}
          className={
            "flex items-center justify-center rounded-md border border-dashed border-slate-200 text-sm " +
            "text-slate-500 dark:border-slate-700 dark:text-slate-400"
          }
          style={{ height: HEIGHT }}
        >
          {empty}
        </div>
      ) : (
        <div role="img" aria-label={summary} className={frame} style={{ height: HEIGHT }}>
          <ResponsiveContainer width="100%" height="100%">
            {/* accessibilityLayer off: the whole chart is one image with a summary, not a focus trap of points. */}
            <ComposedChart
              data={data as Array<{ t: number }>}
              margin={{ top: 4, right: 4, bottom: 0, left: 0 }}
              {...(barGap === undefined ? {} : { barGap })}
              accessibilityLayer={false}
            >
              <CartesianGrid vertical={false} />
              <XAxis
                dataKey="t"
                tickFormatter={(v: number) => formatTick(v, range)}
                tick={tick}
                stroke="currentColor"
                minTickGap={28}
                interval="preserveStartEnd"
              />
              <YAxis
                yAxisId="left"
                tickFormatter={formatLeft}
                tick={tick}
                stroke="currentColor"
                width={56}
                allowDecimals={series.some((s) => s.axis !== "right" && s.kind !== "bar")}
              />
              {hasRight ? (
                <YAxis
                  yAxisId="right"
                  orientation="right"
                  domain={rightDomain}
                  tickFormatter={formatRight}
                  tick={tick}
                  stroke="currentColor"
                  width={44}
                />
              ) : null}
              <Tooltip
                cursor={
                  hasBars ? { fill: "currentColor", fillOpacity: 0.08 } : { stroke: "currentColor", strokeOpacity: 0.4 }
                }
                content={(p) => <ChartTooltip {...p} stepMs={stepMs} series={series} />}
                isAnimationActive={false}
              />
              {series.map((s) => renderSeries(s))}
            </ComposedChart>
          </ResponsiveContainer>
        </div>
      )}
    </Card>
  );
}

// Animations are off: the data refreshes every 10 s and a re-animating chart reads as change.
function renderSeries(s: ChartSeries) {
  const common = { dataKey: s.key, name: s.name, yAxisId: s.axis ?? "left", isAnimationActive: false };
  if (s.kind === "bar")
    return (
      <Bar
        key={s.key}
        {...common}
        stackId={s.stack}
        fill={s.color}
        maxBarSize={24}
        radius={s.stack ? undefined : [2, 2, 0, 0]}
      />
    );
  if (s.kind === "area")
    return (
      <Area key={s.key} {...common} type="monotone" stroke={s.color} fill={s.color} fillOpacity={0.2} strokeWidth={2} />
    );
  // Empty buckets (null) break the line rather than inventing values across them; the dots
  // keep a lone busy bucket between two idle ones visible.
  return (
    <Line
      key={s.key}
      {...common}
      type="monotone"
      stroke={s.color}
      strokeWidth={2}
      dot={{ r: 1.5, fill: s.color }}
      activeDot={{ r: 4 }}
      connectNulls={false}
    />
  );
}

function Legend({ series }: { series: ChartSeries[] }) {
  return (
    <ul className="mb-2 flex flex-wrap gap-x-4 gap-y-1 text-xs text-slate-600 dark:text-slate-300">
      {series.map((s) => (
        <li key={s.key} className="flex items-center gap-1.5">
          <span className="h-2 w-3 rounded-sm" style={{ backgroundColor: s.color }} aria-hidden />
          {s.name}
        </li>
      ))}
    </ul>
  );
}
