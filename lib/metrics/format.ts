/** Number and time formatting for the Monitor tab, shared by charts, tooltips and aria labels. */
import type { MetricsRange } from "@/lib/metrics/range";

const counts = new Intl.NumberFormat("en-US");

export function formatCount(n: number): string {
  return counts.format(n);
}

/** Durations as people read them: 0.42 ms, 12.3 ms, 850 ms, 1.25 s. */
export function formatMs(ms: number | null): string {
  if (ms === null) return "–";
  if (ms >= 1000) return `${(ms / 1000).toFixed(2)} s`;
  if (ms >= 100) return `${Math.round(ms)} ms`;
  if (ms >= 10) return `${ms.toFixed(1)} ms`;
  return `${ms.toFixed(2)} ms`;
}

/** Axis ticks: short enough for a 56 px axis without wrapping ("90ms", "1.5s"). */
export function formatMsShort(ms: number): string {
  if (ms === 0) return "0";
  if (ms >= 1000) return `${+(ms / 1000).toFixed(2)}s`;
  return ms >= 10 ? `${Math.round(ms)}ms` : `${+ms.toFixed(1)}ms`;
}

export function formatPercent(ratio: number): string {
  const p = ratio * 100;
  return `${p === 100 || p === 0 ? p.toFixed(0) : p.toFixed(1)}%`;
}

const axis = new Intl.NumberFormat("en-US", { maximumSignificantDigits: 2 });

/** Axis ticks of fractional series: "0.005", "0.04", "1.5" — never a repeated "<0.01". */
export function formatAxisNumber(v: number): string {
  return axis.format(v);
}

/** Concurrency averages are often fractions of one execution; a busy-but-tiny one is not "0.00". */
export function formatConcurrency(v: number): string {
  if (v === 0) return "0";
  if (v < 0.01) return "<0.01";
  return v < 10 ? v.toFixed(2) : v.toFixed(1);
}

const small = new Intl.NumberFormat("en-US", { maximumSignificantDigits: 3 });
const smallUsd = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD", maximumSignificantDigits: 3 });
const usd = new Intl.NumberFormat("en-US", {
  style: "currency",
  currency: "USD",
  minimumFractionDigits: 2,
  maximumFractionDigits: 4,
});

export function formatGbSeconds(v: number): string {
  return v < 1 ? small.format(v) : v.toLocaleString("en-US", { maximumFractionDigits: 2 });
}

/**
 * Dollars: a monitor page for small functions is mostly fractions of a cent, and "$0.00"
 * would hide the very thing it is there to show, so small amounts keep 3 significant digits.
 */
export function formatUsd(v: number): string {
  return v > 0 && v < 0.01 ? smallUsd.format(v) : usd.format(v);
}

/** X-axis ticks: clock time within a day, weekday + time across a week. */
export function formatTick(t: number, range: MetricsRange, timeZone?: string): string {
  const opts: Intl.DateTimeFormatOptions =
    range === "7d"
      ? { weekday: "short", hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZone }
      : { hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZone };
  return new Intl.DateTimeFormat("en-US", opts).format(t);
}

/** A bucket in a tooltip: "Nov 27, 14:05 – 14:06". */
export function formatBucketSpan(t: number, stepMs: number, timeZone?: string): string {
  const day = new Intl.DateTimeFormat("en-US", {
    month: "short",
    day: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
    timeZone,
  });
  const time = new Intl.DateTimeFormat("en-US", { hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZone });
  return `${day.format(t)} – ${time.format(t + stepMs)}`;
}
