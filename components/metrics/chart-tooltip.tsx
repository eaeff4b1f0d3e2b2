"use client";
import type { TooltipContentProps } from "recharts";
import { formatBucketSpan } from "@/lib/metrics/format";

export interface TooltipSeries {
  key: string;
  name: string;
  color: string;
  format: (v: number) => string;
}

/**
 * Recharts' default tooltip is styled inline (white box, dark text); this one uses the
 * house classes so it reads in dark mode too, and names the bucket as a time span.
 */
export function ChartTooltip({
  active,
  payload,
  label,
  stepMs,
  series,
}: Partial<TooltipContentProps> & { stepMs: number; series: TooltipSeries[] }) {
  if (!active || !payload?.length || typeof label !== "number") return null;
  return (
    <div
      className={
        "rounded-md border border-slate-200 bg-white px-3 py-2 text-xs shadow-md " +
        "dark:border-slate-700 dark:bg-slate-800"
      }
    >
      <p className="mb-1 font-medium text-slate-700 dark:text-slate-200">{formatBucketSpan(label, stepMs)}</p>
      <ul className="space-y-0.5">
        {series.map((s) => {
          const raw = payload.find((p) => p.dataKey === s.key)?.value;
          const value = typeof raw === "number" ? s.format(raw) : "–";
          return (
            <li key={s.key} className="flex items-center gap-2 text-slate-600 dark:text-slate-300">
              <span className="h-2 w-2 rounded-full" style={{ backgroundColor: s.color }} aria-hidden />
              <span>{s.name}</span>
              <span className="ml-auto pl-3 font-mono text-slate-900 tabular-nums dark:text-slate-100">{value}</span>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
